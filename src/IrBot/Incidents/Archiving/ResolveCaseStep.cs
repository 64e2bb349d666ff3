using IrBot.Integrations.TheHive;
using Microsoft.Extensions.Options;

namespace IrBot.Incidents.Archiving;

/// <summary>Resolves the TheHive case with the modal's fields (a PATCH: doing it twice is harmless).</summary>
public sealed class ResolveCaseStep(ITheHiveApi theHive, IOptions<TheHiveOptions> options) : IArchiveStep
{
    public string Name => "thehive-case";
    public string Description => "TheHive case resolved";
    public int Order => 20;
    public bool Required => false;
    public bool IsEnabled => options.Value.Enabled;

    public Task RunAsync(ArchiveContext context, CancellationToken cancellationToken)
    {
        if (context.Incident.TheHiveCaseId is not { } caseId)
        {
            return Task.CompletedTask;
        }

        var request = context.Request;
        return theHive.UpdateCaseAsync(
            caseId,
            new UpdateCaseRequest
            {
                Status = request.ResolutionStatus,
                ImpactStatus = request.ImpactStatus,
                Summary = request.Summary,
                AddTags = request.Tags.Count > 0 ? request.Tags : null,
            },
            cancellationToken);
    }
}
