using IrBot.Integrations.TheHive;
using Microsoft.Extensions.Options;

namespace IrBot.Incidents.Opening;

/// <summary>
/// The TheHive case, tagged with the channel name (unique among incidents), which is how a retry finds a
/// case that a timed-out create made: it always looks by tag before creating.
/// </summary>
public sealed class TheHiveCaseStep(ITheHiveApi theHive, IOptions<TheHiveOptions> options, ILogger<TheHiveCaseStep> logger) : IOpeningStep
{
    public const string Tag = "irbot-incident";

    public string Name => "thehive-case";
    public string Description => "TheHive case";
    public int Order => 45;
    public bool Required => false;
    public bool IsEnabled => options.Value.Enabled;

    public async Task RunAsync(OpeningContext context, CancellationToken cancellationToken)
    {
        var incident = context.Incident;
        if (incident.TheHiveCaseId is not null)
        {
            return;
        }

        var channelName = incident.ChannelName ?? throw new InvalidOperationException("The channel does not exist yet");
        var settings = options.Value;
        var cases = await theHive.QueryCasesAsync(TheHiveQuery.CasesTagged(channelName), cancellationToken);
        var found = cases.Count > 0 ? cases[0] : null;
        if (found is not null)
        {
            logger.LogInformation("Incident {Number}: adopting existing TheHive case {Case}", incident.Number, found.Number);
        }

        var @case = found ?? await theHive.CreateCaseAsync(
            new CreateCaseRequest
            {
                Title = $"{channelName}: {incident.Title}",
                Description = CaseDescription(incident),
                Severity = settings.Severity,
                Tlp = settings.Tlp,
                Pap = settings.Pap,
                Tags = [channelName, Tag],
            },
            cancellationToken);

        incident.TheHiveCaseId = @case.Id;
        incident.TheHiveCaseNumber = @case.Number;
        incident.TheHiveCaseUrl = settings.CaseUrl(@case.Id);
        await context.Db.SaveChangesAsync(cancellationToken);
    }

    private static string CaseDescription(Incident incident)
    {
        var page = incident.ConfluencePageUrl is null ? string.Empty : $"\n\nIncident page: {incident.ConfluencePageUrl}";
        return $"{IncidentMessages.Name(incident)}\n\nSlack channel: #{incident.ChannelName}{page}";
    }
}
