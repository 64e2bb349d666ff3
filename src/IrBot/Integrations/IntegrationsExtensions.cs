using System.Collections.Concurrent;
using IrBot.Admin;
using IrBot.Slack.Payloads;

namespace IrBot.Integrations;

public static class IntegrationErrorsExtensions
{
    public static IServiceCollection AddIntegrationErrors(this IServiceCollection services) =>
        services.AddSingleton<IntegrationErrors>();
}
