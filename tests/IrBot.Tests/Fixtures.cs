using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace IrBot.Tests;

/// <summary>Reads the Slack sample payloads in <c>tests/fixtures/slack</c>, copied beside the test assembly on build.</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> SlackRoot = new(FindSlackRoot);

    public static string Path(string relative) => System.IO.Path.Combine(SlackRoot.Value, relative);

    public static string Text(string relative) => File.ReadAllText(Path(relative));

    public static IEnumerable<string> Files(string folder, string pattern) =>
        Directory.EnumerateFiles(Path(folder), pattern).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    /// <summary>A slash command body (<c>*.txt</c>) form-decoded the way ASP.NET Core would.</summary>
    public static Dictionary<string, string> Form(string relative) =>
        QueryHelpers.ParseQuery(Text(relative)).ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);

    public static SignedRequest Signing(string name)
    {
        using var doc = JsonDocument.Parse(Text($"signing/{name}"));
        var root = doc.RootElement;
        var headers = root.GetProperty("headers");
        return new SignedRequest(
            root.GetProperty("signing_secret").GetString()!,
            headers.GetProperty("X-Slack-Request-Timestamp").GetString()!,
            headers.GetProperty("X-Slack-Signature").GetString()!,
            Encoding.UTF8.GetBytes(root.GetProperty("body").GetString()!));
    }

    private static string FindSlackRoot()
    {
        var slack = System.IO.Path.Combine(AppContext.BaseDirectory, "fixtures", "slack");
        return Directory.Exists(slack)
            ? slack
            : throw new DirectoryNotFoundException($"Slack fixtures not found at {slack} (tests/fixtures/slack is copied there on build)");
    }
}

internal sealed record SignedRequest(string Secret, string Timestamp, string Signature, byte[] Body)
{
    public DateTimeOffset SignedAt => DateTimeOffset.FromUnixTimeSeconds(long.Parse(Timestamp, System.Globalization.CultureInfo.InvariantCulture));
}
