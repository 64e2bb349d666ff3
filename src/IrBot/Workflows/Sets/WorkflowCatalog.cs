using System.Collections.Concurrent;
using System.Text.Json;
using IrBot.Data;
using IrBot.Workflows.Parsing;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Workflows.Sets;

/// <summary>
/// The stored workflow sets: which is active, each version's parsed definitions (parsed once per process),
/// and replacing the active set (an upload, a rollback, <c>Workflows:File</c>) in one transaction.
/// </summary>
public sealed class WorkflowCatalog(TimeProvider time, ILogger<WorkflowCatalog> logger)
{
    private readonly ConcurrentDictionary<int, (string Json, WorkflowSet Set)> _parsed = new();

    public async Task<WorkflowSet?> ActiveAsync(IrBotDbContext db, CancellationToken cancellationToken)
    {
        var active = await db.WorkflowSetVersions.AsNoTracking()
            .Where(v => v.IsActive).OrderByDescending(v => v.Id).FirstOrDefaultAsync(cancellationToken);
        return active is null ? null : Parsed(active);
    }

    public async Task<WorkflowSet> VersionAsync(IrBotDbContext db, int versionId, CancellationToken cancellationToken)
    {
        var version = await db.WorkflowSetVersions.AsNoTracking().SingleAsync(v => v.Id == versionId, cancellationToken);
        return Parsed(version);
    }

    /// <summary>
    /// Makes <paramref name="json"/> (already validated) the active set; the previous stays as history.
    /// Returns the new version, whose <see cref="WorkflowSetVersion.Changes"/> says what changed.
    /// </summary>
    public async Task<WorkflowSetVersion> ReplaceAsync(
        IrBotDbContext db, string json, string uploadedBy, string source, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var previous = await db.WorkflowSetVersions.Where(v => v.IsActive).ToListAsync(cancellationToken);
        var version = new WorkflowSetVersion
        {
            Json = json,
            UploadedBy = uploadedBy,
            UploadedAt = time.GetUtcNow().UtcDateTime,
            IsActive = true,
            Source = source,
            Changes = Describe(previous.OrderByDescending(v => v.Id).FirstOrDefault()?.Json, json),
        };
        foreach (var old in previous)
        {
            old.IsActive = false;
        }

        db.WorkflowSetVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation(
            "Workflow set version {Version} active ({Source}, by {User}): {Changes}", version.Id, source, uploadedBy, version.Changes);
        return version;
    }

    /// <summary>"added a; removed b; changed c" by workflow name, comparing each workflow's JSON.</summary>
    public static string Describe(string? before, string after)
    {
        var old = ByName(before);
        var now = ByName(after);
        var added = now.Keys.Where(n => !old.ContainsKey(n)).ToList();
        var removed = old.Keys.Where(n => !now.ContainsKey(n)).ToList();
        var changed = now.Keys.Where(n => old.TryGetValue(n, out var o) && o != now[n]).ToList();
        var parts = new List<string>();
        if (added.Count > 0) parts.Add("added " + string.Join(", ", added));
        if (removed.Count > 0) parts.Add("removed " + string.Join(", ", removed));
        if (changed.Count > 0) parts.Add("changed " + string.Join(", ", changed));
        var text = parts.Count == 0 ? "no workflow changed" : string.Join("; ", parts);
        return text.Length > 2000 ? text[..1999] + "…" : text;
    }

    private static Dictionary<string, string> ByName(string? json)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json is null) return result;
        using var doc = JsonDocument.Parse(json);
        foreach (var workflow in doc.RootElement.EnumerateArray())
        {
            if (workflow.ValueKind == JsonValueKind.Object && workflow.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
            {
                // Compared without the file's layout, so re-indenting is no change.
                result[name.GetString()!] = JsonSerializer.Serialize(workflow);
            }
        }

        return result;
    }

    private WorkflowSet Parsed(WorkflowSetVersion version)
    {
        if (_parsed.TryGetValue(version.Id, out var cached) && cached.Json == version.Json) return cached.Set;
        var result = WorkflowFileParser.Parse(version.Json);
        if (!result.IsValid)
        {
            // Only validated files are stored; a version that no longer parses means the rules changed.
            logger.LogError("Workflow set version {Version} no longer validates: {Errors}", version.Id, string.Join(" | ", result.Errors));
        }

        var set = new WorkflowSet(version.Id, result.Workflows);
        _parsed[version.Id] = (version.Json, set);
        return set;
    }
}
