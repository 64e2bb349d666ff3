using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IrBot.Slack;

public enum SignatureCheck
{
    Valid,
    MissingHeaders,
    MalformedTimestamp,
    StaleTimestamp,
    EmptyBody,
    Mismatch,
}

/// <summary>
/// Slack's v0 request signing: HMAC-SHA256 over <c>v0:{timestamp}:{raw body}</c>, hex, compared in
/// constant time, with a five-minute replay window. A pure function so tests can fix the clock.
/// </summary>
public static class SlackSignatureVerifier
{
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public static SignatureCheck Verify(
        string signingSecret,
        string? timestampHeader,
        string? signatureHeader,
        ReadOnlySpan<byte> body,
        DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
        {
            return SignatureCheck.MissingHeaders;
        }

        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.MalformedTimestamp;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - seconds) > MaxClockSkew.TotalSeconds)
        {
            return SignatureCheck.StaleTimestamp;
        }

        if (body.IsEmpty)
        {
            return SignatureCheck.EmptyBody;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(signingSecret, timestampHeader, body));
        var actual = Encoding.ASCII.GetBytes(signatureHeader);
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The <c>v0=…</c> signature Slack would send for this timestamp and body.</summary>
    public static string Sign(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), message);
        return "v0=" + Convert.ToHexStringLower(hash);
    }
}
