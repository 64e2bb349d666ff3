using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;

namespace IrBot.Participants.Search;

/// <summary>
/// <c>/irbot search</c>: the commander or the IR team picks a department in a modal, then gets its people
/// (with an Invite button each) as an ephemeral message in the incident channel.
/// </summary>
public sealed class SearchCommand(IncidentAccess access, DepartmentDirectory directory, ISlackViewsApi views) : ISubcommand
{
    public const string CallbackId = "participants_search";
    public const string BlockId = "department";
    public const string ActionId = "department_select";

    public static string Name => "search";
    public static string Usage => "`/irbot search` — find people by department and invite them to help (commander or IR team)";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var check = await access.LiveIncidentToLeadAsync(context.ChannelId, context.UserId, SearchRules.Refusal, cancellationToken);
        if (!check.IsAllowed)
        {
            return CommandReply.Ephemeral(check.Refusal);
        }

        // The trigger_id lives 3 s: give the directory at most 2 of them.
        var departments = await directory.DepartmentsAsync(TimeSpan.FromSeconds(2), cancellationToken);
        if (departments is null)
        {
            return CommandReply.Ephemeral(":hourglass_flowing_sand: The list of departments is still loading from Slack. Try `/irbot search` again in a minute.");
        }

        if (departments.Count == 0)
        {
            return CommandReply.Ephemeral("No departments found in the workspace's Slack profiles (see `Participants:DepartmentField`).");
        }

        if (string.IsNullOrEmpty(context.Command.TriggerId))
        {
            return CommandReply.Ephemeral("Slack did not send what is needed to open the search form; please try again.");
        }

        try
        {
            await views.OpenAsync(new OpenView { TriggerId = context.Command.TriggerId, View = Modal(context.ChannelId) }, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error is "expired_trigger_id" or "exchanged_trigger_id")
        {
            return CommandReply.Ephemeral(":hourglass: Slack took too long to open the search form; please run `/irbot search` again.");
        }

        return CommandReply.None;
    }

    /// <summary>
    /// The department picker is an external select: Slack asks <see cref="DepartmentSuggestions"/> for the
    /// departments matching what is typed (100 at most), so the view stays small however many departments the
    /// workspace has (10,000 names inline made an 858 kB view; Slack allows 250 kB). The menu lists the first
    /// hundred as soon as it opens, so a small workspace can still browse.
    /// </summary>
    public static ModalView Modal(string channelId)
    {
        var select = new ExternalSelectElement { ActionId = ActionId, Placeholder = TextObject.Plain("Type a department"), MinQueryLength = 0 };
        return ModalView.Create(CallbackId, "Find people", [Blocks.Input(BlockId, "Department or team", select)], "Search", channelId);
    }

    /// <summary>
    /// The departments matching <paramref name="typed"/> (anywhere in the name, ignoring case), those starting
    /// with it first, then alphabetically: at most 100 options, as Slack allows in one answer.
    /// </summary>
    public static IReadOnlyList<OptionObject> Matching(IEnumerable<string> departments, string? typed)
    {
        var query = typed?.Trim() ?? string.Empty;
        return departments
            .Where(d => d.Contains(query, StringComparison.OrdinalIgnoreCase))
            .OrderBy(d => d.StartsWith(query, StringComparison.OrdinalIgnoreCase) ? 0 : 1)
            .ThenBy(d => d, StringComparer.OrdinalIgnoreCase)
            .Take(BlockLimits.SelectOptions)
            .Select(Option)
            .ToList();
    }

    /// <summary>Option values are at most 150 characters; longer names are matched by that prefix.</summary>
    public static string Key(string department) =>
        department.Length <= BlockLimits.OptionValue ? department : department[..BlockLimits.OptionValue];

    private static OptionObject Option(string department) => OptionObject.Of(department, Key(department));
}

/// <summary>Searching and inviting is for those who may lead the incident (<see cref="IncidentAccess.CanLeadAsync"/>).</summary>
public static class SearchRules
{
    public const string Refusal = ":no_entry: Only the incident commander or the IR team can search for and invite people.";
}
