using System.Reflection;
using System.Text.Json;
using Refit;

namespace IrBot.Integrations;

/// <summary>
/// Refit's System.Text.Json serializer, but an answer is read whole and then parsed in one pass. Parsing straight
/// from the socket rescans a long string token each time more of it arrives: for a page body of a few MB (the
/// timeline of a long incident) that took about twice the CPU of one pass (profile of the publish benchmark).
/// </summary>
public sealed class BufferedJsonContentSerializer(JsonSerializerOptions options) : IHttpContentSerializer
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private readonly SystemTextJsonContentSerializer _inner = new(options);

    public HttpContent ToHttpContent<T>(T item) => _inner.ToHttpContent(item);

    public async Task<T?> FromHttpContentAsync<T>(HttpContent content, CancellationToken cancellationToken = default)
    {
        var bytes = await content.ReadAsByteArrayAsync(cancellationToken);
        var json = bytes.AsSpan();
        if (json.StartsWith(Utf8Bom))
        {
            // The stream reader skipped it; the span reader would not.
            json = json[Utf8Bom.Length..];
        }

        return JsonSerializer.Deserialize<T>(json, options);
    }

    public string? GetFieldNameForProperty(PropertyInfo propertyInfo) => _inner.GetFieldNameForProperty(propertyInfo);
}
