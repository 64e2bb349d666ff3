using System.Buffers;
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

        // "v0=" and 64 lower-case hex digits, as Slack sends it; anything else cannot match (its shape says nothing
        // about the secret).
        Span<byte> claimed = stackalloc byte[HashBytes];
        if (!signatureHeader.StartsWith(Version, StringComparison.Ordinal)
            || signatureHeader.Length != Version.Length + (2 * HashBytes)
            || signatureHeader.AsSpan(Version.Length).ContainsAnyInRange('A', 'F')
            || Convert.FromHexString(signatureHeader.AsSpan(Version.Length), claimed, out _, out var written) != OperationStatus.Done
            || written != HashBytes)
        {
            return SignatureCheck.Mismatch;
        }

        Span<byte> expected = stackalloc byte[HashBytes];
        Hash(signingSecret, timestampHeader, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, claimed) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The <c>v0=…</c> signature Slack would send for this timestamp and body.</summary>
    public static string Sign(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> hash = stackalloc byte[HashBytes];
        Hash(signingSecret, timestamp, body, hash);
        return Version + Convert.ToHexStringLower(hash);
    }

    private const string Version = "v0=";
    private const int HashBytes = HMACSHA256.HashSizeInBytes;
    private const int StackLimit = 512;

    /// <summary>
    /// HMAC-SHA256 of <c>v0:{timestamp}:{body}</c> into <paramref name="hash"/>. Runs for every Slack request, so the
    /// message is assembled in a pooled buffer and the key on the stack rather than in new arrays.
    /// </summary>
    private static void Hash(string signingSecret, string timestamp, ReadOnlySpan<byte> body, Span<byte> hash)
    {
        var keyLength = Encoding.UTF8.GetByteCount(signingSecret);
        var prefixLength = Encoding.UTF8.GetByteCount(timestamp) + 4; // "v0:" + timestamp + ":"
        byte[]? rentedKey = null;
        Span<byte> key = keyLength <= StackLimit ? stackalloc byte[StackLimit] : (rentedKey = ArrayPool<byte>.Shared.Rent(keyLength));
        var message = ArrayPool<byte>.Shared.Rent(prefixLength + body.Length);
        try
        {
            key = key[..Encoding.UTF8.GetBytes(signingSecret, key)];
            "v0:"u8.CopyTo(message);
            var at = 3 + Encoding.UTF8.GetBytes(timestamp, message.AsSpan(3));
            message[at++] = (byte)':';
            body.CopyTo(message.AsSpan(at));
            HMACSHA256.HashData(key, message.AsSpan(0, at + body.Length), hash);
        }
        finally
        {
            // The key and the body are secret or private: cleared before the buffers go back to the pool.
            CryptographicOperations.ZeroMemory(key);
            CryptographicOperations.ZeroMemory(message.AsSpan(0, prefixLength + body.Length));
            ArrayPool<byte>.Shared.Return(message);
            if (rentedKey is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedKey);
            }
        }
    }
}
