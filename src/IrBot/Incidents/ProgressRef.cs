using IrBot.Incidents.Steps;
using IrBot.Integrations;
using IrBot.Incidents.Opening;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;

namespace IrBot.Incidents;

/// <summary>Where the progress message lives, kept in the work item's state so that a resume updates it.</summary>
public sealed class ProgressRef
{
    public string? Channel { get; set; }
    public string? Ts { get; set; }
}
