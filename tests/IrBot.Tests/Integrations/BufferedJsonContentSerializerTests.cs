using System.Net.Http.Headers;
using System.Text;
using IrBot.Integrations;
using IrBot.Integrations.Confluence;
using Refit;

namespace IrBot.Tests.Integrations;

public class BufferedJsonContentSerializerTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_large_page_answer_reads_as_refit_s_own_serializer_reads_it(bool byteOrderMark)
    {
        var storage = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"<tr><td><p>Row {i} &amp; café ☕ \"quoted\"</p></td></tr>"));
        var json = "{\"id\":\"131073\",\"status\":\"current\",\"title\":\"Incident 1\",\"version\":{\"number\":7,\"message\":\"\"},"
            + "\"body\":{\"storage\":{\"representation\":\"storage\",\"value\":" + System.Text.Json.JsonSerializer.Serialize(storage) + "}},"
            + "\"_links\":{\"webui\":\"/spaces/IR/pages/131073\",\"base\":\"https://example.atlassian.net/wiki\"}}";
        byte[] bytes = [.. byteOrderMark ? Encoding.UTF8.Preamble : [], .. Encoding.UTF8.GetBytes(json)];

        var buffered = await new BufferedJsonContentSerializer(IntegrationJson.Options).FromHttpContentAsync<ConfluencePage>(Content(bytes));
        var streamed = await new SystemTextJsonContentSerializer(IntegrationJson.Options).FromHttpContentAsync<ConfluencePage>(Content(bytes));

        Assert.Equal(storage, buffered!.Body!.Storage!.Value);
        Assert.Equal(streamed, buffered);
        Assert.Equal(7, buffered.Version!.Number);
        Assert.Equal("https://example.atlassian.net/wiki/spaces/IR/pages/131073", buffered.WebUrl("unused"));
    }

    private static ByteArrayContent Content(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
