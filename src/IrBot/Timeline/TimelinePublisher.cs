using IrBot.Data;
using IrBot.Incidents;
using IrBot.Integrations.Confluence;
using IrBot.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Timeline;

public sealed record PublishResult(PublishOutcome Outcome, int Notes = 0, string? PageUrl = null);

/// <summary>
/// Publishes an incident's new, edited and deleted notes to its Confluence page: read the page, merge,
/// write version + 1 (<see cref="ConfluencePages.UpdateAsync"/>: on a 409 it reads and merges again). A note is marked
/// published with the version of its text that went out, so an edit made meanwhile goes out next time.
/// Failures throw: the notes stay unpublished and go out on the next successful publish.
/// </summary>
public sealed class TimelinePublisher(
    IrBotDbContext db,
    IConfluenceApi confluence,
    IOptions<ConfluenceOptions> confluenceOptions,
    TimelineAuthors authors,
    ILogger<TimelinePublisher> logger)
{
    public bool Enabled => confluenceOptions.Value.Enabled;

    public static IQueryable<TimelineNote> Pending(IQueryable<TimelineNote> notes) =>
        notes.Where(n => n.PublishedAt == null || n.PublishedAt < n.UpdatedAt);

    /// <summary>
    /// Records that these notes, as they were read, are on the page: one UPDATE (tracking thousands of notes cost more
    /// than the page itself). Only rows still as they were read are marked, with the version of their text that went
    /// out; a note edited meanwhile has a newer <c>UpdatedAt</c> and stays pending for the next publish.
    /// </summary>
    public static Task<int> MarkPublishedAsync(IrBotDbContext db, IReadOnlyCollection<TimelineNote> sent, CancellationToken cancellationToken)
    {
        var ids = sent.Select(n => n.Id).ToList();
        var versions = sent.Select(n => n.UpdatedAt).Distinct().ToList();
        return db.TimelineNotes
            .Where(n => ids.Contains(n.Id) && versions.Contains(n.UpdatedAt))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.PublishedAt, n => n.UpdatedAt), cancellationToken);
    }

    public async Task<PublishResult> PublishAsync(Incident incident, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return new PublishResult(PublishOutcome.ConfluenceOff);
        }

        if (string.IsNullOrEmpty(incident.ConfluencePageId))
        {
            return new PublishResult(PublishOutcome.NoPage);
        }

        using var span = IrBotTelemetry.Source.StartActivity("timeline publish");
        span?.SetTag("irbot.incident", incident.Number);
        List<TimelineNote> pending;
        using (IrBotTelemetry.Source.StartActivity("timeline load notes"))
        {
            pending = await Pending(db.TimelineNotes.AsNoTracking().Where(n => n.IncidentId == incident.Id))
                .OrderBy(n => n.OccurredAt).ThenBy(n => n.Id)
                .ToListAsync(cancellationToken);
        }

        span?.SetTag("irbot.timeline.notes", pending.Count);
        if (pending.Count == 0)
        {
            return new PublishResult(PublishOutcome.NothingNew, 0, incident.ConfluencePageUrl);
        }

        var who = new Dictionary<string, AuthorParts>(StringComparer.Ordinal);
        foreach (var author in pending.Where(n => !n.Deleted).Select(n => n.AuthorId).Distinct())
        {
            who[author] = await authors.PartsAsync(author, cancellationToken);
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var mentioned in pending.Where(n => !n.Deleted).SelectMany(n => TimelineText.MentionedUsers(n.Text)).Distinct())
        {
            names[mentioned] = await authors.NameAsync(mentioned, cancellationToken);
        }

        var upserts = pending.Where(n => !n.Deleted)
            .Select(n => new TimelineRow(TimelineMerge.KeyOf(n.Id), n.OccurredAt, who[n.AuthorId].Who, TimelineText.ForPage(n.Text, names), who[n.AuthorId].Name, who[n.AuthorId].Team))
            .ToList();
        var deletes = pending.Where(n => n.Deleted).Select(n => TimelineMerge.KeyOf(n.Id)).ToList();

        var page = await ConfluencePages.UpdateAsync(
            confluence, incident.ConfluencePageId, body => TimelineMerge.Merge(body, upserts, deletes), "IR Bot: timeline", cancellationToken);

        using (IrBotTelemetry.Source.StartActivity("timeline mark published"))
        {
            await MarkPublishedAsync(db, pending, cancellationToken);
        }

        logger.LogInformation("Published {Count} timeline note(s) of incident {Incident} to page {PageId} (version {Version})",
            pending.Count, incident.Number, incident.ConfluencePageId, page.Version?.Number);
        var url = page.WebUrl(confluenceOptions.Value.WikiBaseUrl) ?? incident.ConfluencePageUrl;
        return new PublishResult(PublishOutcome.Published, pending.Count, url);
    }
}
