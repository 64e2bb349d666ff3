using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace IrBot.SlackApp;

internal static class SlackForm
{
    /// <summary>Decodes an <c>application/x-www-form-urlencoded</c> body (last value wins).</summary>
    public static Dictionary<string, string> Parse(ReadOnlySpan<byte> body) =>
        QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body))
            .ToDictionary(kv => kv.Key, kv => kv.Value.LastOrDefault() ?? string.Empty, StringComparer.Ordinal);
}
