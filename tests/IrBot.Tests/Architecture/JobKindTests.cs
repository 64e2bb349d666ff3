using System.Reflection;
using System.Text.RegularExpressions;
using IrBot.Work;

namespace IrBot.Tests.Architecture;

/// <summary>One naming convention for jobs: kind <c>{folder}.{name}</c>, handler <c>{Name}Work</c>, payload <c>{Name}Request</c>.</summary>
public sealed partial class JobKindTests
{
    public static TheoryData<Type> Handlers() =>
        new(typeof(WorkItem).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IWorkHandler).IsAssignableFrom(t)));

    [Theory]
    [MemberData(nameof(Handlers))]
    public void A_job_kind_is_its_folder_and_its_handler_name_in_kebab_case(Type handler)
    {
        var kind = (string)handler.GetProperty(nameof(IWorkHandler.Kind), BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        var folder = handler.Namespace!.Split('.')[1].ToLowerInvariant();
        Assert.EndsWith("Work", handler.Name, StringComparison.Ordinal);
        var name = Kebab().Replace(handler.Name[..^"Work".Length], "-$1").ToLowerInvariant();

        Assert.Equal($"{folder}.{name}", kind);
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public void A_job_payload_is_named_after_its_handler(Type handler)
    {
        var payload = handler.Name[..^"Work".Length] + "Request";

        Assert.Contains(typeof(WorkItem).Assembly.GetTypes(), t => t.Name == payload);
    }

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex Kebab();
}
