using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;

namespace IrBot.Participants.Search;

/// <summary>Posts the department's people to the searcher: name, title, picture and an Invite button each.</summary>
public sealed class SearchResultsWork(ISlackChatApi chat, DepartmentDirectory directory) : IWorkHandler
{
    // Two blocks per person (picture section, Invite button) and a header: 24 people per message.
    private const int PeoplePerMessage = (BlockLimits.MessageBlocks - 2) / 2;

    public static string Kind => "participants.search-results";

    public static IReadOnlyList<string> FormerKinds => ["participants-search-results"];

    public async Task<WorkResult> ExecuteAsync(WorkContext context, CancellationToken cancellationToken)
    {
        var request = context.Payload<SearchResultsRequest>();
        var departments = await directory.DepartmentsAsync(TimeSpan.FromSeconds(30), cancellationToken)
            ?? throw new InvalidOperationException("The people directory is not loaded yet");
        var department = departments.Keys.FirstOrDefault(d => SearchCommand.Key(d) == request.DepartmentKey);
        var people = department is null ? [] : directory.Members(department);
        if (people.Count == 0)
        {
            await chat.PostEphemeralAsync(new EphemeralMessage { Channel = request.ChannelId, User = request.UserId, Text = $"Nobody found in {SlackMentions.Escape(request.DepartmentKey)}." }, cancellationToken);
            return WorkResult.Done;
        }

        // Every match, a message of at most 50 blocks each (Slack's limit), however many that takes.
        var chunks = people.Chunk(PeoplePerMessage).ToList();
        var state = context.State<Progress>();
        for (var i = state.MessagesSent; i < chunks.Count; i++)
        {
            var title = $"{department}: {people.Count} {(people.Count == 1 ? "person" : "people")}" + (chunks.Count > 1 ? $" ({i + 1}/{chunks.Count})" : string.Empty) + ".";
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

        return (SlackMentions.Escape(title), blocks);
    }

    private sealed class Progress
    {
        public int MessagesSent { get; set; }
    }
}
