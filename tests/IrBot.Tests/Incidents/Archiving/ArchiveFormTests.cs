using IrBot.Incidents.Archiving;
using IrBot.Slack.Payloads;

namespace IrBot.Tests.Incidents.Archiving;

public sealed class ArchiveFormTests
{
    private static ViewState State(string? resolution, string? impact, string? tags, string? summary) => new()
    {
        Values = new Dictionary<string, IReadOnlyDictionary<string, StateValue>>
        {
            [ArchiveModal.ResolutionBlock] = new Dictionary<string, StateValue> { [ArchiveModal.InputAction] = new() { SelectedOption = resolution is null ? null : new SelectedOption { Value = resolution } } },
            [ArchiveModal.ImpactBlock] = new Dictionary<string, StateValue> { [ArchiveModal.InputAction] = new() { SelectedOption = impact is null ? null : new SelectedOption { Value = impact } } },
            [ArchiveModal.TagsBlock] = new Dictionary<string, StateValue> { [ArchiveModal.InputAction] = new() { Value = tags } },
            [ArchiveModal.SummaryBlock] = new Dictionary<string, StateValue> { [ArchiveModal.InputAction] = new() { Value = summary } },
        },
    };

    [Fact]
    public void A_complete_form_gives_the_request_with_trimmed_distinct_tags()
    {
        var (request, errors) = ArchiveModalSubmission.Read("U1", State("Duplicated", "NoImpact", " vpn, phishing ,vpn,, ", " Same as incident 3. "));

        Assert.Empty(errors);
        Assert.NotNull(request);
        Assert.Equal(("U1", "Duplicated", "NoImpact", "Same as incident 3."), (request.RequestedBy, request.ResolutionStatus, request.ImpactStatus, request.Summary));
        Assert.Equal(["vpn", "phishing"], request.Tags);
    }

    [Fact]
    public void An_unknown_resolution_and_too_many_tags_are_field_errors()
    {
        var (request, errors) = ArchiveModalSubmission.Read("U1", State("Resolved", "WithImpact", string.Join(',', Enumerable.Range(1, 21)), "ok"));

        Assert.Null(request);
        Assert.Equal([ArchiveModal.ResolutionBlock, ArchiveModal.TagsBlock], errors.Keys.Order(StringComparer.Ordinal));
    }
}
