using IrBot.SlackApp;
using IrBot.Slack.WebApi;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IrBot.Incidents.Opening;

/// <summary>
/// Creates the channel <c>ir-YYYYMMDD</c>, or the next free <c>-N</c>: private unless <c>Incidents:PrivateChannels</c> is false. The chosen name is saved
/// before the create call, so if we crash after Slack made the channel, the retry finds Slack's
/// <c>name_taken</c> and adopts the channel we made rather than making a second one.
/// </summary>
public sealed class CreateChannelStep(ISlackConversationsApi conversations, BotIdentity bot, IOptions<IncidentsOptions> options, ILogger<CreateChannelStep> logger) : IOpeningStep
{
    public string Name => "channel";
    public string Description => "Slack channel";
    public int Order => 20;
    public bool Required => true;
    public bool IsEnabled => true;

    public async Task RunAsync(OpeningContext context, CancellationToken cancellationToken)
    {
        var incident = context.Incident;
        if (incident.ChannelId is not null)
        {
            return;
        }

        var prefix = ChannelNames.ForDate(incident.OpenedAt);
        var usedByOthers = await context.Db.Incidents
            .Where(i => i.Id != incident.Id && i.ChannelName != null && i.ChannelName.StartsWith(prefix))
            .Select(i => i.ChannelName!)
            .ToListAsync(cancellationToken);

        foreach (var name in ChannelNames.Candidates(incident.OpenedAt).Where(n => !usedByOthers.Contains(n)))
        {
            var triedBefore = incident.ChannelName == name;
            incident.ChannelName = name;
            await context.Db.SaveChangesAsync(cancellationToken);
            try
            {
                var created = await conversations.CreateAsync(new CreateConversation { Name = name, IsPrivate = options.Value.PrivateChannels }, cancellationToken);
                incident.ChannelId = created.Channel?.Id ?? throw new InvalidOperationException("conversations.create returned no channel");
                await context.Db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (SlackApiException ex) when (ex.Error == "name_taken")
            {
                if (triedBefore && await FindOwnChannelAsync(name, incident, cancellationToken) is { } adopted)
                {
                    logger.LogInformation("Incident {Number}: adopting channel {Channel} created before a restart", incident.Number, name);
                    incident.ChannelId = adopted;
                    await context.Db.SaveChangesAsync(cancellationToken);
                    return;
                }

                logger.LogInformation("Channel name {Channel} is taken; trying the next", name);
            }
        }

        throw new InvalidOperationException($"No free channel name for {prefix}");
    }

    /// <summary>A channel with this name that the bot created around the time the incident was opened.</summary>
    private async Task<string?> FindOwnChannelAsync(string name, Incident incident, CancellationToken cancellationToken)
    {
        var botUserId = await bot.UserIdAsync(cancellationToken);
        string? cursor = null;
        do
        {
            var page = await conversations.ListAsync(
                new ListConversations { Types = "public_channel,private_channel", ExcludeArchived = true, Limit = 200, Cursor = cursor },
                cancellationToken);
            var match = page.Channels?.FirstOrDefault(c => c.Name == name);
            if (match is not null)
            {
                var createdAt = match.Created is { } s ? DateTimeOffset.FromUnixTimeSeconds(s).UtcDateTime : DateTime.MinValue;
                return match.Creator == botUserId && createdAt >= incident.OpenedAt.AddMinutes(-5) ? match.Id : null;
            }

            cursor = page.ResponseMetadata?.NextCursor;
        }
        while (!string.IsNullOrEmpty(cursor));

        return null;
    }
}
