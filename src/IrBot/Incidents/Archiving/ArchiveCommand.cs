using System.Globalization;
using IrBot.Data;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Incidents.Archiving;

/// <summary><c>/irbot archive</c>: in an incident channel, for the IR team or the commander; opens the archive modal.</summary>
public sealed class ArchiveCommand(IrBotDbContext db, IncidentAccess access, ISlackViewsApi views, ILogger<ArchiveCommand> logger) : ISubcommand
{
    public string Name => "archive";
    public string Usage => "`/irbot archive` — resolve and close this incident: page, case, closing message, channel archived (IR team or commander)";

    public async Task<CommandReply> HandleAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var incident = await db.LiveInChannelAsync(context.ChannelId, cancellationToken);
        if (incident is null)
        {
            var archiving = await db.Incidents.AnyAsync(i => i.ChannelId == context.ChannelId && i.Status == IncidentStatus.Archiving, cancellationToken);
            return CommandReply.Ephemeral(archiving ? "This incident is already being archived." : IncidentLookup.NotAnIncidentChannel);
        }

        if (!await access.CanLeadAsync(incident, context.UserId, cancellationToken))
        {
            return CommandReply.Ephemeral(ArchiveModal.Refusal);
        }

        if (context.Command.TriggerId is not { Length: > 0 } triggerId)
        {
            return CommandReply.Ephemeral("Slack sent no trigger to open the archive form; please run `/irbot archive` again.");
        }

        try
        {
            await views.OpenAsync(new OpenView { TriggerId = triggerId, View = ArchiveModal.View(incident) }, cancellationToken);
        }
        catch (SlackApiException ex)
        {
            logger.LogWarning("Could not open the archive modal for incident {Number}: {Error}", incident.Number, ex.Error);
            return CommandReply.Ephemeral($"Could not open the archive form (`{ex.Error}`); please try again.");
        }

        return CommandReply.None;
    }
}

/// <summary>The archive modal: its blocks, its choices, and what those who may not use it are told.</summary>
public static class ArchiveModal
{
    public const string CallbackId = "irbot_archive";
    public const string ResolutionBlock = "resolution";
    public const string ImpactBlock = "impact";
    public const string TagsBlock = "tags";
    public const string SummaryBlock = "summary";
    public const string InputAction = "value";
    public const int MaxSummaryLength = 3000;
    public const int MaxTags = 20;
    public const int MaxTagLength = 128;

    public const string Refusal = ":no_entry: Only the IR team or this incident's commander can archive it.";

    /// <summary>TheHive 5's closed case statuses.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Resolutions =
    [
        ("TruePositive", "True positive"),
        ("FalsePositive", "False positive"),
        ("Indeterminate", "Indeterminate"),
        ("Duplicated", "Duplicated"),
        ("Other", "Other"),
    ];

    public static readonly IReadOnlyList<(string Value, string Label)> Impacts =
    [
        ("WithImpact", "With impact"),
        ("NoImpact", "No impact"),
        ("NotApplicable", "Not applicable"),
    ];

    public static ModalView View(Incident incident) => ModalView.Create(
        CallbackId,
        "Archive incident",
        [
            Blocks.Section($"Resolve and close *{Slack.Payloads.SlackMentions.Escape(IncidentMessages.Name(incident))}*: the page and the case are resolved, the channel is archived."),
            Blocks.Input(ResolutionBlock, "Resolution", new StaticSelectElement
            {
                ActionId = InputAction,
                Options = Resolutions.Select(r => OptionObject.Of(r.Label, r.Value)).ToList(),
                Placeholder = TextObject.Plain("How did it turn out?"),
            }),
            Blocks.Input(ImpactBlock, "Impact", new StaticSelectElement
            {
                ActionId = InputAction,
                Options = Impacts.Select(r => OptionObject.Of(r.Label, r.Value)).ToList(),
                Placeholder = TextObject.Plain("Was there an impact?"),
            }),
            Blocks.Input(TagsBlock, "Tags", new PlainTextInputElement
            {
                ActionId = InputAction,
                Placeholder = TextObject.Plain("phishing, vpn"),
            }, optional: true, hint: "Comma-separated; added to the TheHive case."),
            Blocks.Input(SummaryBlock, "Summary", new PlainTextInputElement
            {
                ActionId = InputAction,
                Multiline = true,
                MaxLength = MaxSummaryLength,
                Placeholder = TextObject.Plain("Root cause, what was done, what follows."),
            }),
        ],
        submit: "Archive",
        privateMetadata: incident.Id.ToString(CultureInfo.InvariantCulture));
}
