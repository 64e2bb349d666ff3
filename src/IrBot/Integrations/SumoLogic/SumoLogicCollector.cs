using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace IrBot.Integrations.SumoLogic;

/// <summary>
/// Posts NDJSON lines to the Sumo Logic HTTP source. Knows nothing of what the lines say; the caller
/// keeps a batch pending until this returns, so a refused batch is sent again later.
/// </summary>
public sealed class SumoLogicCollector(IHttpClientFactory httpClients, IOptionsMonitor<SumoLogicOptions> options)
{
    public const string HttpClientName = "SumoLogic";

    /// <summary>Throws when Sumo Logic does not answer 200.</summary>
    public async Task SendAsync(byte[] ndjson, CancellationToken cancellationToken)
    {
        using var http = httpClients.CreateClient(HttpClientName);
        using var content = new ByteArrayContent(ndjson);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson") { CharSet = "utf-8" };
        using var response = await http.PostAsync(new Uri(options.CurrentValue.CollectorUrl!), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            // 429 means Sumo dropped the data; 401/4xx need an operator. Either way the batch stays pending.
            throw new HttpRequestException($"Sumo Logic answered {(int)response.StatusCode}", null, response.StatusCode);
        }
    }
}
