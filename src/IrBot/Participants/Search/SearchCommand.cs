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
            await views.OpenAsync(new OpenView { TriggerId = context.Command.TriggerId, View = Modal(departments.Keys, context.ChannelId) }, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error is "expired_trigger_id" or "exchanged_trigger_id")
        {
            return CommandReply.Ephemeral(":hourglass: Slack took too long to open the search form; please run `/irbot search` again.");
        }

        return CommandReply.None;
    }

    public static ModalView Modal(IEnumerable<string> departments, string channelId)
    {
        var select = new StaticSelectElement { ActionId = ActionId, Placeholder = TextObject.Plain("Choose a department") };
        var (options, groups) = Choices(departments);
        select = options is not null ? select with { Options = options } : select with { OptionGroups = groups };
        return ModalView.Create(CallbackId, "Find people", [Blocks.Input(BlockId, "Department or team", select)], "Search", channelId);
    }

    /// <summary>
    /// Up to 100 departments fit one select. Beyond that, option groups of up to 100 each (at most 100
    /// groups, so 10,000 departments), labelled by their alphabetical range: everything stays in one
    /// static select, with no external data source to host, and Slack's type-ahead filters across groups.
    /// </summary>
    public static (IReadOnlyList<OptionObject>? Options, IReadOnlyList<OptionGroup>? Groups) Choices(IEnumerable<string> departments)
    {
        var sorted = departments.Order(StringComparer.OrdinalIgnoreCase).ToList();
        if (sorted.Count <= BlockLimits.SelectOptions)
        {
            return (sorted.Select(Option).ToList(), null);
        }

        var groups = sorted.Chunk(BlockLimits.SelectOptions).Take(BlockLimits.SelectOptions)
            .Select(chunk => new OptionGroup
            {
                Label = TextObject.Plain(BlockLimits.Truncate($"{Initial(chunk[0])} – {Initial(chunk[^1])}", BlockLimits.OptionText)),
                Options = chunk.Select(Option).ToList(),
            })
            .ToList();
        return (null, groups);
    }

    /// <summary>Option values are at most 150 characters; longer names are matched by that prefix.</summary>
    public static string Key(string department) =>
        department.Length <= BlockLimits.OptionValue ? department : department[..BlockLimits.OptionValue];

    private static OptionObject Option(string department) => OptionObject.Of(department, Key(department));

    private static string Initial(string department) => department.Length <= 3 ? department : department[..3];
}

/// <summary>Searching and inviting is for those who may lead the incident (<see cref="IncidentAccess.CanLeadAsync"/>).</summary>
public static class SearchRules
{
    public const string Refusal = ":no_entry: Only the incident commander or the IR team can search for and invite people.";
}
