using IrBot.Integrations.Jira;

namespace IrBot.Tasks;

/// <summary>Which Jira priority a task's criticality becomes: <c>Jira:Priorities</c> when set, else Jira's defaults.</summary>
public static class JiraPriorities
{
    public static string PriorityFor(this JiraOptions options, TaskCriticality criticality) =>
        options.Priorities.TryGetValue(criticality.ToString(), out var configured) && !string.IsNullOrWhiteSpace(configured)
            ? configured.Trim()
            : criticality switch
            {
                TaskCriticality.Critical => "Highest",
                TaskCriticality.High => "High",
                TaskCriticality.Normal => "Medium",
                _ => "Low",
            };

    /// <summary>Every <c>Jira:Priorities</c> key must name a criticality.</summary>
    public static bool KeysAreCriticalities(JiraOptions options) =>
        options.Priorities.Keys.All(k => Enum.TryParse<TaskCriticality>(k, ignoreCase: true, out _));
}
