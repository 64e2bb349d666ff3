using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using IrBot.Incidents;
using IrBot.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace IrBot.IntegrationTests.Hosting;

/// <summary>
/// Every secret the bot holds is used for real (Slack, Confluence, TheHive, Jira, Sumo Logic), some of
/// the systems fail along the way, a forged request arrives — and not one secret shows up in any log event.
/// </summary>
public sealed class SecretsStayOutOfLogsTests
{
    [Fact]
    public async Task No_token_key_secret_or_collector_code_reaches_the_logs_even_when_things_fail()
    {
        using var confluence = FakeConfluence.Start();
        using var theHive = FakeTheHive.Start();
        using var jira = FakeJira.Start();
        using var sumo = FakeSumo.Start();
        theHive.Down = true;
        sumo.FailNext(429);
        var logs = new CapturedLogs();
        var settings = new Dictionary<string, string?> { ["SumoLogic:CollectorUrl"] = sumo.CollectorUrl, ["SumoLogic:FlushSeconds"] = "1" };
        foreach (var (key, value) in confluence.Settings().Concat(theHive.Settings()).Concat(jira.Settings()))
        {
            settings[key] = value;
        }

        await using var app = await IrBotApp.StartAsync(settings, services: s => s.AddSingleton<ILogEventSink>(logs));
        await app.PostSignedAsync("/slack/commands", "command=%2Firbot&text=who&user_id=U1&channel_id=C1", "application/x-www-form-urlencoded");
        using (var forged = new HttpRequestMessage(HttpMethod.Post, "/slack/commands") { Content = new StringContent("command=%2Firbot") })
        {
            forged.Headers.Add("X-Slack-Request-Timestamp", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
            forged.Headers.Add("X-Slack-Signature", "v0=" + new string('a', 64));
            await app.Client.SendAsync(forged);
        }

        await app.SendCommandAsync("incident Secrets check");
        Incident? incident = null;
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = app.Db();
                incident = await db.Incidents.SingleOrDefaultAsync(i => i.Status == IncidentStatus.Active && i.ConfluencePageId != null);
                return incident is not null;
            },
            "the incident is open with its page (TheHive still down)");
        var join = SlackPayloads.InnerEvent(
            "events/member_joined_channel_inner_event_with_inviter.json",
            ("user", IrBotApp.Outsider), ("channel", incident!.ChannelId), ("inviter", IrBotApp.IrMember));
        await app.SendEventAsync(SlackPayloads.EventEnvelope(join, "Ev0SECRETS1"));
        await IrBotApp.WaitUntilAsync(
            async () =>
            {
                await using var db = app.Db();
                return await db.MembershipEvents.AnyAsync(m => m.SentToSumoAt != null);
            },
            "the join reached Sumo Logic after a 429");

        var all = logs.Text;
        Assert.Contains("Incident 1 requested", all, StringComparison.Ordinal);
        Assert.Contains("rejected: Mismatch", all, StringComparison.Ordinal);
        string[] secrets =
        [
            IrBotApp.SigningSecret,
            IrBotApp.BotToken,
            FakeConfluence.ApiToken,
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeConfluence.Email}:{FakeConfluence.ApiToken}")),
            FakeTheHive.ApiKey,
            FakeJira.ApiToken,
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FakeJira.Email}:{FakeJira.ApiToken}")),
            FakeSumo.Code,
        ];
        var leaks = logs.Events.Where(e => secrets.Any(secret => e.Contains(secret, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, "Secrets in the logs:\n" + string.Join("\n", leaks));
    }

    /// <summary>Every event as text: the rendered message, each property, and any exception.</summary>
    private sealed class CapturedLogs : ILogEventSink
    {
        private readonly ConcurrentQueue<string> _events = new();

        public IReadOnlyCollection<string> Events => _events;

        public string Text => string.Join('\n', _events);

        public void Emit(LogEvent logEvent)
        {
            var text = new StringBuilder(logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture));
            foreach (var (name, value) in logEvent.Properties)
            {
                text.Append(' ').Append(name).Append('=').Append(value);
            }

            text.Append(' ').Append(logEvent.Exception);
            _events.Enqueue(text.ToString());
        }
    }
}
