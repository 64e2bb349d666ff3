using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using IrBot.Admin;
using IrBot.Integrations;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;

namespace IrBot.Work;

/// <summary>
/// Tells the IR admin channel when a job stops for good: a permanent error (with the fix) or a give-up after
/// <see cref="WorkOptions.MaxAttempts"/>, naming the incident and what was not done, with a Retry button. At most
/// one report per job kind and cause every <see cref="Quiet"/>, so a revoked token does not flood the channel.
/// </summary>
public sealed class WorkFailureReports(IServiceScopeFactory scopes, TimeProvider time, ILogger<WorkFailureReports> logger)
{
    public const string RetryAction = "work_retry_failed";
    public static readonly TimeSpan Quiet = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _recent = new(StringComparer.Ordinal);

    public async Task ReportAsync(WorkItem item, Exception error, bool permanent, CancellationToken cancellationToken)
    {
        // Every requester hears of their own job, however many reports the admin channel was spared.
        await TellRequesterAsync(item, error, permanent, cancellationToken);
        var cause = Cause(error);
        var now = time.GetUtcNow();
        var send = true;
        _recent.AddOrUpdate(
            $"{item.Kind}/{cause}",
            _ => now,
            (_, last) =>
            {
                send = now - last >= Quiet;
                return send ? now : last;
            });
        if (!send)
        {
            logger.LogInformation("Work item {WorkItemId} ({Kind}) failed for good ({Cause}); the admin channel was told recently", item.Id, item.Kind, cause);
            return;
        }

        try
        {
            await using var scope = scopes.CreateAsyncScope();
            string? subject = null;
            if (item.IncidentId is { } incidentId)
            {
                var subjects = scope.ServiceProvider.GetService<IWorkSubjects>();
                subject = (subjects is null ? null : await subjects.DescribeAsync(incidentId, cancellationToken)) ?? $"incident id {incidentId}";
            }

            var what = $"`{item.Kind}` (job {item.Id}){(subject is null ? string.Empty : $" for {subject}")}";
            var reason = SlackMentions.Escape(IntegrationErrors.Describe(error));
            var text = permanent
                ? $":no_entry: IR Bot stopped {what}: `{reason}` will not go away by retrying. Fix: {Fix(error)}, then click Retry."
                : $":x: IR Bot gave up on {what} after {item.Attempts} attempts: `{reason}`. It was not done; click Retry to try once more.";
            var value = item.Id.ToString(CultureInfo.InvariantCulture);
            await scope.ServiceProvider.GetRequiredService<AdminChannel>().PostAsync(
                text,
                [Blocks.Section(text), Blocks.Actions("work_failure", ButtonElement.Of(RetryAction, "Retry", value))],
                cancellationToken);
        }
        catch (Exception ex) when (ErrorClassifier.IsExternal(ex, cancellationToken))
        {
            logger.LogWarning("Could not tell the admin channel that work item {WorkItemId} failed: {Error}", item.Id, ex.Message);
        }
    }

    /// <summary>
    /// Tells whoever asked for the job what was not done and that the admins know: ephemerally through the response_url
    /// while Slack still takes it (replacing the command's promise when it made one), else in a DM.
    /// </summary>
    private async Task TellRequesterAsync(WorkItem item, Exception error, bool permanent, CancellationToken cancellationToken)
    {
        if (item.Requester is null || JsonSerializer.Deserialize<WorkRequester>(item.Requester, WorkJson.Options) is not { } requester)
        {
            return;
        }

        var reason = SlackMentions.Escape(IntegrationErrors.Describe(error));
        var text = permanent
            ? $":x: IR Bot could not finish {SlackMentions.Escape(requester.What)}: `{reason}`. The IR admins have been told what to fix and can retry it."
            : $":x: IR Bot gave up on {SlackMentions.Escape(requester.What)} after {item.Attempts} attempts: `{reason}`. The IR admins have been told and can retry it.";
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var fresh = time.GetUtcNow().UtcDateTime - DateTime.SpecifyKind(item.CreatedAt, DateTimeKind.Utc) < WorkRequester.ResponseUrlLifetime;
        if (fresh && requester.ResponseUrl is { Length: > 0 } url)
        {
            try
            {
                var message = ResponseUrlMessage.Ephemeral(text) with { ReplaceOriginal = requester.ReplacesReply ? true : null };
                await services.GetRequiredService<SlackResponseUrlClient>().SendAsync(url, message, cancellationToken);
                return;
            }
            catch (Exception ex) when (ErrorClassifier.IsExternal(ex, cancellationToken))
            {
                logger.LogInformation("Could not tell the requester of work item {WorkItemId} through response_url ({Error}); sending a DM", item.Id, ex.Message);
            }
        }

        try
        {
            var channel = await services.GetRequiredService<ISlackConversationsApi>().OpenDmAsync(requester.UserId, cancellationToken);
            await services.GetRequiredService<ISlackChatApi>().PostMessageAsync(new ChatMessage { Channel = channel, Text = text }, cancellationToken);
        }
        catch (Exception ex) when (ErrorClassifier.IsExternal(ex, cancellationToken))
        {
            // A revoked token fails this too; the admin report and the log say it all.
            logger.LogWarning("Could not tell {UserId} that work item {WorkItemId} failed: {Error}", requester.UserId, item.Id, ex.Message);
        }
    }

    /// <summary>What an admin must do, in words they can act on.</summary>
    public static string Fix(Exception error) => error switch
    {
        SlackApiException { Error: "missing_scope" } slack =>
            $"reinstall the Slack app with the scope `{slack.Needed ?? "named in Slack's answer"}`",
        SlackApiException { Error: "invalid_auth" or "not_authed" or "account_inactive" or "token_revoked" } =>
            "check Slack:BotToken (reinstall the app if its token was revoked)",
        SlackApiException { Error: "channel_not_found" or "not_in_channel" } slack =>
            $"invite the bot to the channel it posts to ({slack.Method}), or check the configured channel id",
        Refit.ApiException api => $"check the API token of the integration at {api.RequestMessage?.RequestUri?.Host ?? "its base URL"} (e.g. Jira:ApiToken)",
        _ => "fix the cause",
    };

    private static string Cause(Exception error) => error switch
    {
        SlackApiException slack => $"slack:{slack.Error}",
        Refit.ApiException api => $"http:{(int)api.StatusCode}:{api.RequestMessage?.RequestUri?.Host}",
        _ => error.GetType().Name,
    };
}
