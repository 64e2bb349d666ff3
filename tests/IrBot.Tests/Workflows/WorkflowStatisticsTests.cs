using IrBot.Tests.Data;
using IrBot.Data;
using IrBot.Statistics;
using IrBot.Workflows;
using IrBot.Workflows.Running;
using IrBot.Workflows.Sets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace IrBot.Tests.Workflows;

/// <summary>Each keyword workflow that ran gets its own statistics section, unacknowledged and open runs counted.</summary>
public sealed class WorkflowStatisticsTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTime T0 = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(T0.AddHours(6)));
    private SqliteIrBotDbContext _db = null!;

    public async Task InitializeAsync()
    {
        _db = await InMemorySqlite.OpenMigratedAsync(_connection);
        var set = new WorkflowSetVersion { Json = "[]", UploadedBy = "UADMIN0001", UploadedAt = T0, IsActive = true, Source = "upload", Changes = "test" };
        _db.WorkflowSetVersions.Add(set);
        await _db.SaveChangesAsync();
        _db.WorkflowInstances.AddRange(
            Instance(set.Id, "security_issue", 1, acknowledged: 10, resolved: 60),
            Instance(set.Id, "security_issue", 2, acknowledged: 30, resolved: null),
            Instance(set.Id, "security_issue", 3, acknowledged: null, resolved: null),
            Instance(set.Id, "nagios_down", 1, acknowledged: 5, resolved: 25));
        await _db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task Each_workflow_that_ran_has_a_section_after_the_incidents_with_its_own_figures()
    {
        var query = new StatisticsQuery(_db, [new WorkflowStatistics(), new IncidentStatistics()], _time);
        var window = await query.WindowAsync(null, all: false, CancellationToken.None);

        var figures = await query.FiguresAsync(window, CancellationToken.None);

        Assert.Equal([IncidentStatistics.Title, "Workflow nagios_down", "Workflow security_issue"], figures.Select(f => f.Title));
        var security = figures[2];
        Assert.Equal((3, 2, 1), (security.Count, security.StillOpen, security.NotAcknowledged));
        Assert.Equal(TimeSpan.FromMinutes(20), security.TimeToAcknowledge.Mean);
        Assert.Equal(TimeSpan.FromMinutes(60), security.TimeToResolve.Mean);
        Assert.Equal(1, figures[1].Count);
    }

    private static WorkflowInstance Instance(int setVersionId, string workflow, long number, int? acknowledged, int? resolved) => new()
    {
        WorkflowName = workflow,
        Number = number,
        SetVersionId = setVersionId,
        TriggerName = "IssueReported",
        TriggerChannelId = "C0ALERTS01",
        TriggerChannelName = "alerts",
        TriggerUserId = "U0REPORTER",
        TriggerTs = $"1764489600.00010{number}",
        TriggerText = "#sec",
        CurrentStep = "Setup",
        Status = resolved is null ? WorkflowInstanceStatus.Running : WorkflowInstanceStatus.Finished,
        StartedAt = T0.AddMinutes(number * 60),
        AcknowledgedAt = acknowledged is { } a ? T0.AddMinutes((number * 60) + a) : null,
        ResolvedAt = resolved is { } r ? T0.AddMinutes((number * 60) + r) : null,
    };
}
