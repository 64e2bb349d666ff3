namespace IrBot.Integrations.Jira;

/// <summary>Which Jira the bot talks to (<c>Jira:Deployment</c>); their REST v2 differs in auth, search and people.</summary>
public enum JiraDeployment
{
    Cloud,
    DataCenter,
}
