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

/// <summary>Checks each system's <c>Resilience:{System}</c> settings, naming the setting that is off.</summary>
internal sealed class IntegrationResilienceValidator : IValidateOptions<IntegrationResilienceOptions>
{
    public ValidateOptionsResult Validate(string? name, IntegrationResilienceOptions options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(r => $"Resilience:{name}:{r.ErrorMessage}"));
    }
}
