using System.Globalization;
using IrBot.Data;
using IrBot.Incidents;
using IrBot.IrTeam;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Slack.WebApi;
using IrBot.SlackApp;
using IrBot.Work;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Tasks;

/// <summary><c>/irbot newtask</c>: opens the new-task modal for the incident of this channel.</summary>
public sealed class NewTaskCommand(IncidentAccess access, ISlackViewsApi views) : LeaderModalCommand(access, views)
{
    public override string Name => "newtask";
    public override string Usage => "`/irbot newtask` — give someone a task, tracked in Jira (IR team or commander, in an incident channel)";
    protected override string Refusal => ":no_entry: Only the IR team or the incident commander can create tasks.";

    protected override ModalView Modal(Incident incident) => NewTaskModal.Build(incident);
}

public static class NewTaskModal
{
    public const string CallbackId = "task_new";
    public const string TitleBlock = "task_title";
    public const string DescriptionBlock = "task_description";
    public const string OwnerBlock = "task_owner";
    public const string CriticalityBlock = "task_criticality";
    public const string Input = "value";
    public const int MaxTitleLength = 200;
    public const int MaxDescriptionLength = 3000;

    public static ModalView Build(Incident incident) => ModalView.Create(
        CallbackId,
        "New task",
        [
            Blocks.Section($"A task for incident {incident.Number}: {SlackMentions.Escape(incident.Title)}. The owner gets a DM and a Jira issue."),
            Blocks.Input(TitleBlock, "Title", new PlainTextInputElement { ActionId = Input, MaxLength = MaxTitleLength }),
            Blocks.Input(DescriptionBlock, "Description", new PlainTextInputElement { ActionId = Input, Multiline = true, MaxLength = MaxDescriptionLength }, optional: true),
            Blocks.Input(OwnerBlock, "Owner", new UsersSelectElement { ActionId = Input, Placeholder = TextObject.Plain("Who does it?") }),
            Blocks.Input(CriticalityBlock, "Criticality", new StaticSelectElement
            {
                ActionId = Input,
                Options = Enum.GetValues<TaskCriticality>().Select(c => OptionObject.Of(c.ToString(), c.ToString())).ToList(),
                InitialOption = OptionObject.Of(nameof(TaskCriticality.Normal), nameof(TaskCriticality.Normal)),
            }),
        ],
        submit: "Create",
        privateMetadata: incident.Id.ToString(CultureInfo.InvariantCulture));
}

/// <summary>Validates the modal, stores the task with its short id, and queues Jira and the owner's DM.</summary>
public sealed class NewTaskSubmission(
    IrBotDbContext db,
    IncidentAccess access,
    WorkQueue work,
    TimeProvider time,
    ILogger<NewTaskSubmission> logger) : IViewSubmissionHandler
{
    public string CallbackId => NewTaskModal.CallbackId;

    public async Task<ViewSubmissionResult> HandleAsync(InteractionPayload payload, ViewPayload view, CancellationToken cancellationToken)
    {
        var userId = payload.User?.Id ?? string.Empty;
        var state = view.State;
        var title = state?.Get(NewTaskModal.TitleBlock, NewTaskModal.Input)?.Value?.Trim() ?? string.Empty;
        var description = state?.Get(NewTaskModal.DescriptionBlock, NewTaskModal.Input)?.Value?.Trim();
        var owner = state?.Get(NewTaskModal.OwnerBlock, NewTaskModal.Input)?.SelectedUser;
        var criticalityText = state?.Get(NewTaskModal.CriticalityBlock, NewTaskModal.Input)?.SelectedOption?.Value;

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (title.Length == 0)
        {
            errors[NewTaskModal.TitleBlock] = "Give the task a title.";
        }
        else if (title.Length > NewTaskModal.MaxTitleLength)
        {
            errors[NewTaskModal.TitleBlock] = $"Keep the title to {NewTaskModal.MaxTitleLength} characters.";
        }

        if (description?.Length > NewTaskModal.MaxDescriptionLength)
        {
            errors[NewTaskModal.DescriptionBlock] = $"Keep the description to {NewTaskModal.MaxDescriptionLength} characters.";
        }

        if (string.IsNullOrWhiteSpace(owner))
        {
            errors[NewTaskModal.OwnerBlock] = "Choose who owns the task.";
        }

        if (!Enum.TryParse<TaskCriticality>(criticalityText, ignoreCase: true, out var criticality) || !Enum.IsDefined(criticality))
        {
            errors[NewTaskModal.CriticalityBlock] = "Choose Critical, High, Normal or Low.";
        }

        var incident = int.TryParse(view.PrivateMetadata, CultureInfo.InvariantCulture, out var incidentId)
            ? await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken)
            : null;
        if (incident is null || !incident.IsLive)
        {
            errors[NewTaskModal.TitleBlock] = "This incident is no longer open, so it cannot take new tasks.";
        }
        else if (!await access.CanLeadAsync(incident, userId, cancellationToken))
        {
            errors[NewTaskModal.TitleBlock] = "Only the IR team or the incident commander can create tasks.";
        }

        if (errors.Count > 0)
        {
            return ViewSubmissionResult.WithErrors(errors);
        }

        var task = new IncidentTask
        {
            IncidentId = incident!.Id,
            // A unique placeholder until the id is known; the short id is T-{id}.
            ShortId = "~" + Guid.NewGuid().ToString("N")[..16],
            Title = title,
            Description = string.IsNullOrWhiteSpace(description) ? null : description,
            OwnerId = owner!,
            Criticality = criticality,
            Status = IncidentTaskStatus.Open,
            CreatedBy = userId,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.Tasks.Add(task);
            await db.SaveChangesAsync(cancellationToken);
            task.ShortId = TaskIds.Format(task.Id);
            work.Add(db, AssignTaskWork.Kind, new AssignTaskRequest(task.Id), incident.Id);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        work.Notify();
        logger.LogInformation("Task {ShortId} created for incident {Number} by {UserId}", task.ShortId, incident.Number, userId);
        return ViewSubmissionResult.Close;
    }
}

public static class TaskIds
{
    public static string Format(int id) => "T-" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Accepts <c>T-7</c>, <c>t7</c> or <c>7</c>.</summary>
    public static int? Parse(string? text)
    {
        var trimmed = (text ?? string.Empty).Trim().TrimStart('T', 't').TrimStart('-').Trim();
        return int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;
    }
}
