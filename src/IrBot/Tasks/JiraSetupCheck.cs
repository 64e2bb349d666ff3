using IrBot.Integrations.Jira;
using Microsoft.Extensions.Options;

namespace IrBot.Tasks;

/// <summary>
/// Checks, from Jira's create metadata, that what tasks will send exists: the project, the issue type,
/// the priority of every criticality and the security level. A mismatch names the setting and the
/// valid values, instead of a 400 on the first task of an incident.
/// </summary>
public sealed class JiraSetupCheck(IJiraApi jira, IOptions<JiraOptions> options)
{
    /// <summary>The problems found (empty when all is well). Throws when Jira cannot be asked.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var project = o.ProjectKey!;
        IReadOnlyList<JiraNamedValue> types;
        try
        {
            types = (await jira.GetCreateMetaIssueTypesAsync(project, cancellationToken: cancellationToken)).All;
        }
        catch (Refit.ApiException ex) when (ex.StatusCode is System.Net.HttpStatusCode.NotFound)
        {
            return [$"Jira:ProjectKey '{project}' is not a project the bot can create issues in (Jira answered 404)."];
        }

        var type = types.FirstOrDefault(t => string.Equals(t.Name, o.IssueType, StringComparison.OrdinalIgnoreCase) || t.Id == o.IssueType);
        if (type?.Id is null)
        {
            return [$"Jira:IssueType '{o.IssueType}' is not an issue type of project {project}. Valid: {Names(types)}."];
        }

        var fields = (await jira.GetCreateMetaFieldsAsync(project, type.Id, cancellationToken: cancellationToken)).All;
        var problems = new List<string>();
        var priority = fields.FirstOrDefault(f => f.FieldId == "priority" || f.Key == "priority");
        if (priority is null)
        {
            problems.Add($"The Priority field is not on the create screen of {project} / {type.Name}; add it, or tasks cannot set Jira:Priorities.");
        }
        else
        {
            foreach (var criticality in Enum.GetValues<TaskCriticality>())
            {
                var wanted = o.PriorityFor(criticality);
                if (!Matches(priority.AllowedValues, wanted))
                {
                    var setting = o.Priorities.ContainsKey(criticality.ToString()) ? $"Jira:Priorities:{criticality}" : $"Jira:Priorities:{criticality} (unset, default)";
                    problems.Add($"{setting} '{wanted}' is not a priority of {project} / {type.Name}. Valid: {Names(priority.AllowedValues)}.");
                }
            }
        }

        if (!string.IsNullOrWhiteSpace(o.SecurityLevelId))
        {
            var security = fields.FirstOrDefault(f => f.FieldId == "security" || f.Key == "security");
            var level = o.SecurityLevelId.Trim();
            if (security is null)
            {
                problems.Add($"Jira:SecurityLevelId is '{level}' but the Security Level field is not on the create screen of {project} / {type.Name} (or the bot lacks Set Issue Security).");
            }
            else if (security.AllowedValues?.Any(v => v.Id == level) != true)
            {
                problems.Add($"Jira:SecurityLevelId '{level}' is not a security level of {project}. Valid: {string.Join(", ", (security.AllowedValues ?? []).Select(v => $"{v.Id} ({v.Name})"))}.");
            }
        }

        return problems;
    }

    private static bool Matches(IReadOnlyList<JiraNamedValue>? allowed, string wanted) =>
        allowed?.Any(v => wanted.All(char.IsAsciiDigit) ? v.Id == wanted : string.Equals(v.Name, wanted, StringComparison.OrdinalIgnoreCase)) == true;

    private static string Names(IReadOnlyList<JiraNamedValue>? values) =>
        values is null || values.Count == 0 ? "none" : string.Join(", ", values.Select(v => v.Name));
}
