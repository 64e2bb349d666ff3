using System.Text.Json;
using IrBot.Slack;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;

namespace IrBot.Statistics;

/// <summary>The confirmation asked before a reset; opened by <c>/irbot stats reset</c> and <c>/irbot reset-stats</c>.</summary>
public sealed class ResetStatisticsModal(StatisticsAccess access, StatisticsQuery query, ISlackViewsApi views)
{
    public const string CallbackId = "stats_reset";
    public const string Refusal = ":no_entry: Only Slack workspace admins, `Workflows:AuthorizedUsers` and the IR team can reset the statistics.";

    public async Task<CommandReply> OpenAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (!await access.IsAllowedAsync(context.UserId, cancellationToken))
        {
            return CommandReply.Ephemeral(Refusal);
        }

        if (context.Command.TriggerId is not { } triggerId)
        {
            return CommandReply.Ephemeral("Slack did not send what is needed to open the form; please try again.");
        }

        var last = await query.LastResetAsync(cancellationToken);
        var text = "Statistics will count only incidents and workflow instances started from now on. Nothing is deleted: "
            + "`/irbot stats all` and the export still reach the older ones."
            + (last is null ? string.Empty : $"\n\nLast reset: {StatisticsMessages.When(last.ResetAt)} by {SlackMentions.User(last.ResetBy)}.");
        var metadata = JsonSerializer.Serialize(new ResetMetadata(context.Command.ResponseUrl), SlackJson.Options);
        await views.OpenAsync(
            new OpenView { TriggerId = triggerId, View = ModalView.Create(CallbackId, "Reset statistics", [Blocks.Section(text)], "Reset", metadata) },
            cancellationToken);
        return CommandReply.None;
    }

    /// <summary>What a refused submit turns the modal into: no Reset button, only Close.</summary>
    public static ModalView Refused() =>
        ModalView.Create(CallbackId, "Reset statistics", [Blocks.Section(Refusal + " Nothing was reset.")], submit: null) with { Close = TextObject.Plain("Close") };

    /// <summary>Where to answer once the reset is confirmed: the command's response_url (valid 30 minutes).</summary>
    public sealed record ResetMetadata(string? ResponseUrl);
}
