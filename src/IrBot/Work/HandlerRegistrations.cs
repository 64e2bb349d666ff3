namespace IrBot.Work;

public static class HandlerRegistrations
{
    /// <summary>The registry of <paramref name="service"/> handlers (one per service interface), created on first use.</summary>
    public static HandlerRegistry HandlersOf(this IServiceCollection services, Type service, string family)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType == typeof(HandlerRegistry) && descriptor.IsKeyedService
                && Equals(descriptor.ServiceKey, service) && descriptor.KeyedImplementationInstance is HandlerRegistry existing)
            {
                return existing;
            }
        }

        var registry = new HandlerRegistry(service, family);
        services.AddKeyedSingleton<HandlerRegistry>(service, registry);
        return registry;
    }

    /// <summary>Registers <paramref name="entry"/>'s handler as a scoped keyed service and records its key.</summary>
    public static IServiceCollection AddKeyedHandler(this IServiceCollection services, Type service, string family, HandlerEntry entry)
    {
        services.HandlersOf(service, family).Add(entry);
        services.AddKeyedScoped(service, entry.Key, entry.Handler);
        return services;
    }
}
