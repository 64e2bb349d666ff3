using System.Globalization;
using IrBot.Incidents;
using IrBot.Incidents.Archiving;
using IrBot.IntegrationTests.Incidents;
using IrBot.IntegrationTests.Tasks;
using IrBot.Tasks;
using IrBot.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace IrBot.IntegrationTests.Hosting;

/// <summary>Logs an on-call person can alert on: nothing alarming when nothing went wrong, and no request bodies.</summary>
public sealed class QuietLogsTests
{
    [Fact]
    public async Task A_whole_incident_from_opening_to_archive_logs_no_error_and_no_stack_trace()
    {
        var logs = new CapturedLogs();
        await using var env = await IncidentIntegrations.StartAsync(jira: true, services: s => s.AddSingleton<ILogEventSink>(logs));
        env.Jira!.AddUser("olive.owner@example.com", "5b10ac8d82e05b22cc7d4ef5");
        env.App.Slack.AddUser("UOWNER0001", "Olive Owner", "olive.owner@example.com");
        var incident = await env.OpenAsync("Quiet logs");
        var channel = incident.ChannelId!;

        await env.App.SendCommandAsync("ic <@UOWNER0001>", IrBotApp.IrMember, channel);
        await env.App.SendCommandAsync("scribe <@" + IrBotApp.IrMember2 + ">", IrBotApp.IrMember, channel);
        await env.App.SendInteractionAsync(TaskPayloads.ViewSubmission(
            NewTaskModal.CallbackId,
            IrBotApp.IrMember,
            incident.Id.ToString(CultureInfo.InvariantCulture),
            (NewTaskModal.TitleBlock, TaskPayloads.Text("Reset the accounts")),
            (NewTaskModal.DescriptionBlock, TaskPayloads.Text("From the VPN log.")),
            (NewTaskModal.OwnerBlock, TaskPayloads.User("UOWNER0001")),
            (NewTaskModal.CriticalityBlock, TaskPayloads.Select("High"))));
        await env.App.SendCommandAsync("Blocked the domain at the proxy", IrBotApp.IrMember, channel, "/note");
        await env.App.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        await env.App.SendCommandAsync("archive", IrBotApp.IrMember, channel);
        await env.App.SendInteractionAsync(ArchiveIncidentTests.Submission(incident, IrBotApp.IrMember, "TruePositive", "WithImpact", "vpn", "Contained."));
        await env.WaitForAsync(1, i => i.Status == IncidentStatus.Closed, "the incident is closed");
        await env.App.WaitForIdleAsync(TimeSpan.FromSeconds(30));
        await env.App.Client.GetAsync("/health/ready");

        Assert.Single(env.Jira.Issues);
        Assert.Empty(logs.Alarming);
        Assert.DoesNotContain(logs.Events, e => e.Contains("/health/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_form_body_posted_to_the_events_url_never_reaches_the_log_and_a_Slack_retry_is_not_an_error()
    {
        var logs = new CapturedLogs();
        await using var app = await IrBotApp.StartAsync(services: s => s.AddSingleton<ILogEventSink>(logs));
        var responseUrl = app.Slack.ResponseUrl();
        var form = SlackPayloads.SlashCommand("/irbot", "incident Secret plans of the attacker", IrBotApp.IrMember, "CREQUEST01", responseUrl);

        var wrong = await app.PostSignedAsync("/slack/events", form, "application/x-www-form-urlencoded");
        var envelope = SlackPayloads.EventEnvelope(SlackPayloads.InnerEvent("events/member_joined_channel_inner_event_with_inviter.json", ("user", IrBotApp.Outsider), ("channel", "CNOINCIDENT"), ("inviter", IrBotApp.IrMember)), "Ev0RETRY001");
        await app.SendEventAsync(envelope);
        await app.SendEventAsync(envelope, retryNum: 1);
        await app.WaitForIdleAsync();

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.DoesNotContain(logs.Events, e => e.Contains(responseUrl, StringComparison.Ordinal) || e.Contains("Secret plans", StringComparison.Ordinal));
        Assert.Empty(logs.Alarming);
    }

    [Fact]
    public async Task Three_identical_modal_submits_log_no_error_though_two_lose_the_race_for_the_claim()
    {
        var logs = new CapturedLogs();
        await using var s = await TaskScenario.StartAsync(services: services => services.AddSingleton<ILogEventSink>(logs));
        var submission = TaskPayloads.ViewSubmission(
            NewTaskModal.CallbackId,
            IrBotApp.IrMember,
            s.IncidentId,
            (NewTaskModal.TitleBlock, TaskPayloads.Text("Block the attacker's IPs")),
            (NewTaskModal.DescriptionBlock, TaskPayloads.Text(null)),
            (NewTaskModal.OwnerBlock, TaskPayloads.User(TaskScenario.Owner)),
            (NewTaskModal.CriticalityBlock, TaskPayloads.Select("High")));

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => s.App.SendInteractionAsync(submission)));
        var again = await s.App.SendInteractionAsync(submission);
        await s.App.WaitForIdleAsync();

        Assert.All([.. answers, again], a => Assert.Equal(System.Net.HttpStatusCode.OK, a.StatusCode));
        Assert.Single(s.Jira.Issues);
        Assert.Equal(3, logs.Events.Count(e => e.Contains("was submitted again", StringComparison.Ordinal)));
        Assert.Empty(logs.Alarming);
    }
}
