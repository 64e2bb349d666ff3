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

    public string Name => "search";
    public string Usage => "`/irbot search` — find people by department and invite them to help (commander or IR team)";

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
                Label = TextObject.Plain(BlockLimits.Truncate($"{Initial(chunk[0])} – {Initial(chunk[^1])}", OptionObject.MaxTextLength)),
                Options = chunk.Select(Option).ToList(),
            })
            .ToList();
        return (null, groups);
    }

    /// <summary>Option values are at most 150 characters; longer names are matched by that prefix.</summary>
    public static string Key(string department) =>
        department.Length <= OptionObject.MaxValueLength ? department : department[..OptionObject.MaxValueLength];

    private static OptionObject Option(string department) => OptionObject.Of(department, Key(department));

    private static string Initial(string department) => department.Length <= 3 ? department : department[..3];
}

/// <summary>Searching and inviting is for those who may lead the incident (<see cref="IncidentAccess.CanLeadAsync"/>).</summary>
public static class SearchRules
{
    public const string Refusal = ":no_entry: Only the incident commander or the IR team can search for and invite people.";
}

public sealed record SearchRequest(string ChannelId, string UserId, string DepartmentKey)
{
    public const string Kind = "participants-search-results";
}

/// <summary>The modal's submit: queue the results (posting them is Slack work that must not hold the 3 s answer).</summary>
public sealed class SearchSubmission(IrBotDbContext db, IncidentAccess access, WorkQueue work) : IViewSubmissionHandler
{
    public string CallbackId => SearchCommand.CallbackId;

    public async Task<ViewSubmissionResult> HandleAsync(InteractionPayload payload, ViewPayload view, CancellationToken cancellationToken)
    {
        var department = view.State?.Get(SearchCommand.BlockId, SearchCommand.ActionId)?.SelectedOption?.Value;
        if (string.IsNullOrEmpty(department))
        {
            return ViewSubmissionResult.WithErrors(new Dictionary<string, string> { [SearchCommand.BlockId] = "Choose a department." });
        }

        var channel = view.PrivateMetadata ?? string.Empty;
        var incident = await db.LiveInChannelAsync(channel, cancellationToken);
        if (incident is null)
        {
            return ViewSubmissionResult.WithErrors(new Dictionary<string, string> { [SearchCommand.BlockId] = "This incident is no longer open." });
        }

        // A submission can be sent by anyone who has the view; check the submitter again.
        if (payload.User?.Id is not { } submitter || !await access.CanLeadAsync(incident, submitter, cancellationToken))
        {
            return ViewSubmissionResult.WithErrors(new Dictionary<string, string> { [SearchCommand.BlockId] = SearchRules.Refusal });
        }

        work.Add(db, SearchRequest.Kind, new SearchRequest(channel, payload.User!.Id, department), incident.Id);
        await db.SaveChangesAsync(cancellationToken);
        work.Notify();
        return ViewSubmissionResult.Close;
    }
}

/// <summary>Posts the department's people to the searcher: name, title, picture and an Invite button each.</summary>
public sealed class SearchResultsWork(ISlackChatApi chat, DepartmentDirectory directory) : IWorkHandler
{
    // Two blocks per person (picture section, Invite button) and a header: 24 people per message.
    private const int PeoplePerMessage = (BlockLimits.MessageBlocks - 2) / 2;
    private const int MaxMessages = 4;

    public string Kind => SearchRequest.Kind;

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var request = context.Payload<SearchRequest>();
        var departments = await directory.DepartmentsAsync(TimeSpan.FromSeconds(30), cancellationToken)
            ?? throw new InvalidOperationException("The people directory is not loaded yet");
        var department = departments.Keys.FirstOrDefault(d => SearchCommand.Key(d) == request.DepartmentKey);
        var people = department is null ? [] : directory.Members(department);
        if (people.Count == 0)
        {
            await chat.PostEphemeralAsync(new EphemeralMessage { Channel = request.ChannelId, User = request.UserId, Text = $"Nobody found in {request.DepartmentKey}." }, cancellationToken);
            return WorkResult.Done;
        }

        var chunks = people.Chunk(PeoplePerMessage).Take(MaxMessages).ToList();
        var state = context.State<Progress>();
        for (var i = state.MessagesSent; i < chunks.Count; i++)
        {
            var more = i == chunks.Count - 1 && people.Count > PeoplePerMessage * MaxMessages
                ? $" Showing the first {PeoplePerMessage * MaxMessages} of {people.Count}."
                : string.Empty;
            var title = $"{department}: {people.Count} {(people.Count == 1 ? "person" : "people")}" + (chunks.Count > 1 ? $" ({i + 1}/{chunks.Count})" : string.Empty) + "." + more;
            var (text, blocks) = Results(title, chunks[i]);
            await chat.PostEphemeralAsync(new EphemeralMessage { Channel = request.ChannelId, User = request.UserId, Text = text, Blocks = blocks }, cancellationToken);
            state.MessagesSent = i + 1;
            await context.SaveStateAsync(state, cancellationToken);
        }

        return WorkResult.Done;
    }

    public static (string Text, IReadOnlyList<Block> Blocks) Results(string title, IReadOnlyList<DirectoryPerson> people)
    {
        var blocks = new List<Block> { Blocks.Section($"*{SlackMentions.Escape(title)}*") };
        foreach (var person in people)
        {
            var line = $"*{SlackMentions.Escape(person.Name)}*" + (string.IsNullOrWhiteSpace(person.Title) ? string.Empty : $"\n{SlackMentions.Escape(person.Title)}");
            var image = person.ImageUrl is null ? null : new ImageElement { ImageUrl = person.ImageUrl, AltText = person.Name };
            blocks.Add(Blocks.Section(line, image));
            blocks.Add(Blocks.Actions("invite_" + person.Id, ButtonElement.Of(InviteAction.Id, "Invite " + person.Name, person.Id, "primary")));
        }

        return (title, blocks);
    }

    private sealed class Progress
    {
        public int MessagesSent { get; set; }
    }
}

/// <summary>The Invite button of the search results: adds the person and tells the channel who asked.</summary>
public sealed class InviteAction(ISlackChatApi chat, ISlackConversationsApi conversations, IncidentAccess access) : IBlockActionHandler
{
    public const string Id = "participants_invite";

    public string ActionId => Id;

    public async Task HandleAsync(InteractionPayload payload, BlockAction action, CancellationToken cancellationToken)
    {
        var clicker = payload.User?.Id;
        var channel = payload.Channel?.Id ?? payload.Container?.ChannelId;
        var invitee = action.Value;
        if (clicker is null || channel is null || string.IsNullOrEmpty(invitee))
        {
            return;
        }

        var check = await access.LiveIncidentToLeadAsync(channel, clicker, SearchRules.Refusal, cancellationToken);
        if (!check.IsAllowed)
        {
            await ReplyAsync(channel, clicker, check.Refusal, cancellationToken);
            return;
        }

        try
        {
            await conversations.InviteAsync(new InviteToConversation { Channel = channel, Users = invitee }, cancellationToken);
        }
        catch (SlackApiException ex) when (ex.Error == "already_in_channel")
        {
            await ReplyAsync(channel, clicker, $"{SlackMentions.User(invitee)} is already in this channel.", cancellationToken);
            return;
        }
        catch (SlackApiException ex)
        {
            await ReplyAsync(channel, clicker, $":warning: Could not invite {SlackMentions.User(invitee)}: `{ex.Error}`.", cancellationToken);
            return;
        }

        await chat.PostMessageAsync(new ChatMessage { Channel = channel, Text = ParticipantMessages.InvitedToHelp(invitee, clicker) }, cancellationToken);
    }

    private async Task ReplyAsync(string channel, string user, string text, CancellationToken cancellationToken) =>
        await chat.PostEphemeralAsync(new EphemeralMessage { Channel = channel, User = user, Text = text }, cancellationToken);
}
