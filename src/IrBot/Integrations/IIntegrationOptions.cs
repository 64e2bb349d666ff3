using Microsoft.Extensions.DependencyInjection.Extensions;
using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Refit;

namespace IrBot.Integrations;

/// <summary>What every external system's options have: a base URL (empty = the integration is off).</summary>
public interface IIntegrationOptions
{
    string? BaseUrl { get; }

    bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);
}
