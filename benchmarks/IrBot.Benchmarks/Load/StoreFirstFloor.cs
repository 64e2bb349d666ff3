using System.Globalization;
using System.Text;
using IrBot.Slack;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Npgsql;

/// <summary>
/// The "store-first" floor of the <c>/note</c> load run: the least any bot can do and still keep the guarantees — a
/// bare minimal API that reads the body, verifies Slack's signature, inserts the note with a pooled
/// <see cref="NpgsqlDataSource"/> and answers once it is stored. No logging, no DI beyond the host's own, no
/// permission check. Run as its own process (<c>floor</c> mode) so its CPU and RSS are its own.
/// </summary>
internal static class StoreFirstFloor
{
    public const string Reply = "Noted as note ";

    public static async Task RunAsync(string url, string connectionString, string secret, int incidentId)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var app = builder.Build();
        app.MapGet("/health", () => "ok");
        app.MapPost("/slack/commands", async (HttpContext http) =>
        {
            var body = new byte[http.Request.ContentLength ?? 0];
            await http.Request.Body.ReadExactlyAsync(body, http.RequestAborted);
            var check = SlackSignatureVerifier.Verify(
                secret,
                http.Request.Headers["X-Slack-Request-Timestamp"],
                http.Request.Headers["X-Slack-Signature"],
                body,
                DateTimeOffset.UtcNow);
            if (check != SignatureCheck.Valid)
            {
                return Results.StatusCode(StatusCodes.Status401Unauthorized);
            }

            var form = QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
            await using var insert = dataSource.CreateCommand(
                """
                INSERT INTO timeline_notes (incident_id, author_id, "text", occurred_at, created_at, updated_at, deleted)
                VALUES ($1, $2, $3, $4, $4, $4, FALSE) RETURNING id
                """);
            insert.Parameters.Add(new NpgsqlParameter { Value = incidentId });
            insert.Parameters.Add(new NpgsqlParameter { Value = form["user_id"].ToString() });
            insert.Parameters.Add(new NpgsqlParameter { Value = form["text"].ToString() });
            insert.Parameters.Add(new NpgsqlParameter { Value = DateTime.UtcNow });
            var id = Convert.ToInt64(await insert.ExecuteScalarAsync(http.RequestAborted), CultureInfo.InvariantCulture);
            return Results.Json(new { response_type = "ephemeral", text = Reply + id.ToString(CultureInfo.InvariantCulture) });
        });
        await app.RunAsync();
    }
}
