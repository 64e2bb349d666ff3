using IrBot.Incidents;

namespace IrBot.Tests.Incidents;

public class IncidentMessagesTests
{
    private const string PageUrl = "https://confluence.example.com/spaces/SECIR/pages/123456789/Incident+42+-+Suspicious+logins+from+unknown+ASN";
    private const string CaseUrl = "https://thehive.example.com/cases/~123456789/details";

    private static Incident NewIncident(string title, string? page = null, string? hiveCase = null) => new()
    {
        Number = 42,
        Title = title,
        RequestedBy = "U1",
        ConfluencePageUrl = page,
        TheHiveCaseUrl = hiveCase,
    };

    [Fact]
    public void Short_topic_names_the_incident_and_both_links_in_full()
    {
        var topic = IncidentMessages.Topic(NewIncident("Phishing", PageUrl, CaseUrl));

        Assert.Equal($"Incident 42: Phishing | Page: {PageUrl} | Case: {CaseUrl}", topic);
    }

    [Fact]
    public void Topic_with_a_long_title_and_two_long_links_fits_250_and_keeps_both_links()
    {
        var topic = IncidentMessages.Topic(NewIncident(new string('T', 150), PageUrl, CaseUrl));

        Assert.InRange(topic.Length, 1, IncidentMessages.MaxTopicLength);
        Assert.Contains(PageUrl, topic, StringComparison.Ordinal);
        Assert.Contains(CaseUrl, topic, StringComparison.Ordinal);
        Assert.StartsWith("Incident 42: TTT", topic, StringComparison.Ordinal);
        Assert.Contains("…", topic, StringComparison.Ordinal);
    }

    [Fact]
    public void Topic_without_links_is_only_the_name_cut_to_250()
    {
        var topic = IncidentMessages.Topic(NewIncident(new string('T', 400)));

        Assert.Equal(IncidentMessages.MaxTopicLength, topic.Length);
        Assert.DoesNotContain("Page:", topic, StringComparison.Ordinal);
    }

    [Fact]
    public void Unassigned_role_reads_TBD_and_an_assigned_one_mentions_the_user()
    {
        Assert.Equal("TBD", IncidentMessages.Role(null));
        Assert.Equal("<@U9>", IncidentMessages.Role("U9"));
    }
}
