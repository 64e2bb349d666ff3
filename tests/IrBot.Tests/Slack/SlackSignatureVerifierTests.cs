using System.Text;
using IrBot.Slack;
using Microsoft.Extensions.Time.Testing;

namespace IrBot.Tests.Slack;

public class SlackSignatureVerifierTests
{
    private const string Secret = "8f742231b10e8888abcd99yyyzzz85a5";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("token=x&command=%2Firbot&text=incident");
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static string Stamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Slacks_published_vector_is_valid_with_the_clock_at_its_timestamp()
    {
        var request = Fixtures.Signing("valid_slash_command_request.json");
        var clock = new FakeTimeProvider(request.SignedAt);

        Assert.Equal(362, request.Body.Length);
        Assert.Equal(SignatureCheck.Valid, SlackSignatureVerifier.Verify(request.Secret, request.Timestamp, request.Signature, request.Body, clock.GetUtcNow()));
    }

    [Fact]
    public void Sign_reproduces_Slacks_published_signature()
    {
        var request = Fixtures.Signing("valid_slash_command_request.json");

        Assert.Equal("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SlackSignatureVerifier.Sign(request.Secret, request.Timestamp, request.Body));
    }

    [Fact]
    public void Slacks_published_vector_is_stale_with_the_real_clock()
    {
        var request = Fixtures.Signing("valid_slash_command_request.json");

        Assert.Equal(SignatureCheck.StaleTimestamp, SlackSignatureVerifier.Verify(request.Secret, request.Timestamp, request.Signature, request.Body, TimeProvider.System.GetUtcNow()));
    }

    [Fact]
    public void Signature_with_tampered_body_is_rejected()
    {
        var request = Fixtures.Signing("tampered_body_request.json");

        Assert.Equal(SignatureCheck.Mismatch, SlackSignatureVerifier.Verify(request.Secret, request.Timestamp, request.Signature, request.Body, request.SignedAt));
    }

    [Fact]
    public void Signature_replayed_with_a_fresh_timestamp_is_rejected()
    {
        var request = Fixtures.Signing("tampered_timestamp_request.json");

        Assert.Equal(SignatureCheck.Mismatch, SlackSignatureVerifier.Verify(request.Secret, request.Timestamp, request.Signature, request.Body, request.SignedAt));
    }

    [Fact]
    public void Json_event_body_is_verified_over_its_raw_bytes()
    {
        var request = Fixtures.Signing("derived_json_event_request.json");

        Assert.Equal(SignatureCheck.Valid, SlackSignatureVerifier.Verify(request.Secret, request.Timestamp, request.Signature, request.Body, request.SignedAt));
    }

    [Fact]
    public void Json_event_body_reformatted_after_signing_is_rejected()
    {
        var request = Fixtures.Signing("derived_json_event_request.json");
        var reformatted = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(request.Body).Replace(",", ", ", StringComparison.Ordinal));

        Assert.Equal(SignatureCheck.Mismatch, SlackSignatureVerifier.Verify(request.Secret, request.Timestamp, request.Signature, reformatted, request.SignedAt));
    }

    [Theory]
    [InlineData(-299, SignatureCheck.Valid)]
    [InlineData(-300, SignatureCheck.Valid)]
    [InlineData(-301, SignatureCheck.StaleTimestamp)]
    [InlineData(299, SignatureCheck.Valid)]
    [InlineData(301, SignatureCheck.StaleTimestamp)]
    public void Timestamps_more_than_five_minutes_from_now_are_stale(int offsetSeconds, SignatureCheck expected)
    {
        var timestamp = Stamp(Now.AddSeconds(offsetSeconds));
        var signature = SlackSignatureVerifier.Sign(Secret, timestamp, Body);

        Assert.Equal(expected, SlackSignatureVerifier.Verify(Secret, timestamp, signature, Body, Now));
    }

    [Fact]
    public void Signature_made_with_another_secret_is_rejected()
    {
        var timestamp = Stamp(Now);
        var signature = SlackSignatureVerifier.Sign("some-other-secret", timestamp, Body);

        Assert.Equal(SignatureCheck.Mismatch, SlackSignatureVerifier.Verify(Secret, timestamp, signature, Body, Now));
    }

    [Theory]
    [InlineData(null, "v0=abc")]
    [InlineData("", "v0=abc")]
    [InlineData("1748779200", null)]
    [InlineData("1748779200", "")]
    public void Missing_headers_are_rejected(string? timestamp, string? signature)
    {
        Assert.Equal(SignatureCheck.MissingHeaders, SlackSignatureVerifier.Verify(Secret, timestamp, signature, Body, Now));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1748779200.5")]
    [InlineData("-1748779200")]
    [InlineData(" 1748779200")]
    public void Non_numeric_timestamp_is_rejected_as_malformed(string timestamp)
    {
        Assert.Equal(SignatureCheck.MalformedTimestamp, SlackSignatureVerifier.Verify(Secret, timestamp, "v0=abc", Body, Now));
    }

    [Fact]
    public void Empty_body_is_rejected_even_when_correctly_signed()
    {
        var timestamp = Stamp(Now);
        var signature = SlackSignatureVerifier.Sign(Secret, timestamp, []);

        Assert.Equal(SignatureCheck.EmptyBody, SlackSignatureVerifier.Verify(Secret, timestamp, signature, [], Now));
    }

    [Fact]
    public void Signature_is_lowercase_hex_with_the_v0_prefix()
    {
        var signature = SlackSignatureVerifier.Sign(Secret, Stamp(Now), Body);

        Assert.Matches("^v0=[0-9a-f]{64}$", signature);
    }

    [Fact]
    public void Signature_header_in_uppercase_hex_is_rejected()
    {
        var request = Fixtures.Signing("valid_slash_command_request.json");
        var upper = "v0=" + request.Signature["v0=".Length..].ToUpperInvariant();

        Assert.NotEqual(request.Signature, upper);
        Assert.Equal(SignatureCheck.Mismatch, SlackSignatureVerifier.Verify(request.Secret, request.Timestamp, upper, request.Body, request.SignedAt));
    }

    [Fact]
    public void Truncated_signature_header_is_rejected()
    {
        var request = Fixtures.Signing("valid_slash_command_request.json");

        Assert.Equal(SignatureCheck.Mismatch, SlackSignatureVerifier.Verify(request.Secret, request.Timestamp, request.Signature[..^1], request.Body, request.SignedAt));
    }
}
