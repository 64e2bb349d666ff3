using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.Work;

namespace IrBot.Statistics;

/// <summary>Tells whoever reset the statistics, where they ran the command, since when they count and who reset them.</summary>
public sealed class StatisticsResetAnswerWork(SlackResponseUrlClient responseUrl) : IWorkHandler
{
    public static string Kind => "statistics.statistics-reset-answer";

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var request = context.Payload<StatisticsResetAnswerRequest>();
        await responseUrl.SendAsync(
            request.ResponseUrl,
            ResponseUrlMessage.Ephemeral($":leftwards_arrow_with_hook: Statistics reset by {SlackMentions.User(request.ResetBy)}: they count from {StatisticsMessages.When(request.ResetAt)}. Nothing was deleted."),
            cancellationToken);
        return WorkResult.Done;
    }
}

public sealed record StatisticsResetAnswerRequest(string ResponseUrl, string ResetBy, DateTime ResetAt);
