using IrBot.SlackApp;
using IrBot.Slack.WebApi;
using Microsoft.Extensions.Options;

namespace IrBot.Participants.Search;

/// <summary>A person who can be found by department.</summary>
public sealed record DirectoryPerson(string Id, string Name, string? Title, string? ImageUrl);

/// <summary>
/// The workspace's people grouped by department (<c>Participants:DepartmentField</c>): users.list paged by
/// cursor (Tier 2, so read rarely), cached for <c>Participants:DirectoryRefreshMinutes</c>. When the field
/// is a custom one and users.list does not carry custom fields (Slack sends <c>fields</c> as null, <c>{}</c>
/// or <c>[]</c> there), each person's users.profile.get is read.
/// </summary>
public sealed class DepartmentDirectory(
    IServiceScopeFactory scopes,
    UserDirectory directory,
    IOptionsMonitor<ParticipantsOptions> options,
    TimeProvider time,
    ILogger<DepartmentDirectory> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Dictionary<string, IReadOnlyList<DirectoryPerson>> _departments = new(StringComparer.OrdinalIgnoreCase);
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    private Task? _loading;

    public void Dispose() => _gate.Dispose();

    /// <summary>
    /// The departments, loading them first when stale. Waits at most <paramref name="wait"/> (a slash
    /// command has 3 s); returns null when they are still loading (the load carries on).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<DirectoryPerson>>?> DepartmentsAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var fresh = time.GetUtcNow() - _loadedAt < TimeSpan.FromMinutes(Math.Max(1, options.CurrentValue.DirectoryRefreshMinutes));
        if (fresh)
        {
            return _departments;
        }

        Task loading;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _loading ??= Task.Run(LoadAsync, CancellationToken.None);
            loading = _loading;
        }
        finally
        {
            _gate.Release();
        }

        try
        {
            // A real-time bound: it limits how long a person waits, whatever the clock of the data says.
            await loading.WaitAsync(wait, TimeProvider.System, cancellationToken);
            return _loadedAt == DateTimeOffset.MinValue ? null : _departments;
        }
        catch (TimeoutException)
        {
        }

        // Stale but present data is better than making the searcher wait.
        return _loadedAt == DateTimeOffset.MinValue ? null : _departments;
    }

    public IReadOnlyList<DirectoryPerson> Members(string department) =>
        _departments.TryGetValue(department, out var people) ? people : [];

    private async Task LoadAsync()
    {
        try
        {
            var field = options.CurrentValue.DepartmentField.Trim();
            await using var scope = scopes.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<ISlackUsersApi>();
            var byDepartment = new Dictionary<string, List<DirectoryPerson>>(StringComparer.OrdinalIgnoreCase);
            string? cursor = null;
            do
            {
                var page = await users.ListAsync(new ListUsers { Limit = 200, Cursor = cursor });
                foreach (var user in page.Members ?? [])
                {
                    if (user.Deleted == true || user.IsBot == true || user.Id == "USLACKBOT")
                    {
                        continue;
                    }

                    var department = await DepartmentAsync(user, field);
                    if (string.IsNullOrWhiteSpace(department))
                    {
                        continue;
                    }

                    department = department.Trim();
                    if (!byDepartment.TryGetValue(department, out var people))
                    {
                        byDepartment[department] = people = [];
                    }

                    people.Add(new DirectoryPerson(user.Id, user.DisplayName, user.Profile?.Title, user.Profile?.Image72 ?? user.Profile?.Image192));
                }

                cursor = page.ResponseMetadata?.NextCursor;
            }
            while (!string.IsNullOrEmpty(cursor));

            _departments = byDepartment.ToDictionary(
                kv => kv.Key,
                kv => (IReadOnlyList<DirectoryPerson>)kv.Value.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList(),
                StringComparer.OrdinalIgnoreCase);
            _loadedAt = time.GetUtcNow();
            logger.LogInformation("Loaded {Count} departments from Slack profiles", _departments.Count);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Could not load the people directory: {Error}", ex.Message);
        }
        finally
        {
            await _gate.WaitAsync();
            _loading = null;
            _gate.Release();
        }
    }

    private async Task<string?> DepartmentAsync(SlackUser user, string field)
    {
        if (field.Equals("title", StringComparison.OrdinalIgnoreCase))
        {
            return user.Profile?.Title;
        }

        var fields = user.Profile?.Fields;
        if (fields is null || fields.Count == 0)
        {
            // users.list leaves custom fields out, as null, {} or []; users.profile.get has them. A 429 is
            // waited out by the Slack client (this load runs in the background); one person whose profile
            // still cannot be read is left out of this load rather than failing it for everyone.
            try
            {
                fields = await directory.ProfileFieldsAsync(user.Id, CancellationToken.None);
            }
            catch (SlackApiException ex)
            {
                logger.LogWarning("Could not read the profile of {UserId} for the directory: {Error}", user.Id, ex.Error);
                return null;
            }
        }

        return fields is not null && fields.TryGetValue(field, out var value) ? value.Value : null;
    }
}
