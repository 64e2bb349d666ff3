using IrBot.Data;
using IrBot.Workflows.Templates;
using Microsoft.EntityFrameworkCore;

namespace IrBot.Workflows.Running;

/// <summary>What an instance's templates can read, loaded from its row and its stored values.</summary>
public static class InstanceValues
{
    public static async Task<(TemplateValues Values, List<WorkflowValue> Rows)> LoadAsync(
        IrBotDbContext db, WorkflowInstance instance, CancellationToken cancellationToken)
    {
        var rows = await db.WorkflowValues.AsNoTracking().Where(v => v.InstanceId == instance.Id).ToListAsync(cancellationToken);
        var values = new TemplateValues()
            .SetInstanceNumber(instance.Number)
            .SetTrigger(instance.TriggerName, instance.TriggerText, $"<@{instance.TriggerUserId}>", instance.TriggerChannelName);
        foreach (var row in rows)
        {
            values.SetFieldValue(row.Action, row.Name, row.Value);
        }

        return (values, rows);
    }

    /// <summary>Sets (inserts or replaces) one value of an instance; the caller saves.</summary>
    public static async Task SetAsync(
        IrBotDbContext db, long instanceId, string action, string name, string value, string? chosenBy, DateTime at, CancellationToken cancellationToken)
    {
        var row = await db.WorkflowValues.SingleOrDefaultAsync(v => v.InstanceId == instanceId && v.Action == action && v.Name == name, cancellationToken);
        if (row is null)
        {
            db.WorkflowValues.Add(new WorkflowValue { InstanceId = instanceId, Action = action, Name = name, Value = value, ChosenBy = chosenBy, SetAt = at });
        }
        else
        {
            row.Value = value;
            row.ChosenBy = chosenBy;
            row.SetAt = at;
        }
    }
}
