using System.Globalization;
using System.Text;
using IrBot.Slack.WebApi;
using IrBot.Work;

namespace IrBot.Statistics;

/// <summary>
/// Builds the CSV of the window the requester asked about and DMs it (external upload, completed into the
/// DM). Once shared, the state says so: a retry after a crash does not send it twice.
/// </summary>
public sealed class ExportStatisticsWork(
    StatisticsQuery query,
    SlackFileUploader uploader,
    ISlackConversationsApi conversations,
    ILogger<ExportStatisticsWork> logger) : IWorkHandler
{
    public static string Kind => "statistics.export-statistics";

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var state = context.State<ExportState>();
        if (state.FileId is not null)
        {
            return WorkResult.Done;
        }

        var request = context.Payload<ExportStatisticsRequest>();
        var window = new StatisticsWindow(DateTime.SpecifyKind(request.Since, DateTimeKind.Utc), DateTime.SpecifyKind(request.Until, DateTimeKind.Utc), await query.LastResetAsync(cancellationToken));
        var rows = await query.RowsAsync(window, cancellationToken);
        var figures = await query.FiguresAsync(window, cancellationToken);
        var csv = Encoding.UTF8.GetBytes(StatisticsCsv.Write(rows));

        var channel = await conversations.OpenDmAsync(request.UserId, cancellationToken);
        var name = string.Create(CultureInfo.InvariantCulture, $"irbot-statistics-{window.Since:yyyyMMdd}-{window.Until:yyyyMMdd}.csv");
        var comment = $"The {rows.Count} rows behind the statistics.\n" + string.Join('\n', figures.Select(StatisticsMessages.Section)) + "\n" + StatisticsMessages.Period(window);
        state.FileId = await uploader.UploadAsync(channel, name, "IR Bot statistics", csv, comment, cancellationToken);
        await context.SaveStateAsync(state, cancellationToken);
        logger.LogInformation("Statistics export ({Rows} rows) sent to {UserId}", rows.Count, request.UserId);
        return WorkResult.Done;
    }

    public sealed class ExportState
    {
        public string? FileId { get; set; }
    }
}

/// <summary>The window is fixed when asked, so the CSV matches what the requester saw.</summary>
public sealed record ExportStatisticsRequest(string UserId, DateTime Since, DateTime Until, string? ResponseUrl);
