using System.Net;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.Integrations.Confluence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Refit;

namespace IrBot.Timeline;

public enum PublishOutcome
{
    /// <summary>Confluence is off: notes stay stored.</summary>
    ConfluenceOff,
    /// <summary>The incident has no page (yet): notes stay stored.</summary>
    NoPage,
    NothingNew,
    Published,
}
