using System.Globalization;
using IrBot.Slack.BlockKit;
using IrBot.Slack.Payloads;
using IrBot.Workflows.Definitions;

namespace IrBot.Workflows.Running;

/// <summary>
/// A <c>post</c> action in Block Kit: the message, then under the fields title one section per field (a
/// button, or a select of its options) showing the value chosen and who chose it, then under the
/// transitions title one section per transition with its button, then notes of who moved the workflow on.
/// A field's or transition's section carries <c>{kind}|{run id}|{field or index}</c> as its block id,
/// so a click finds its post run whatever the message says.
/// </summary>
public static class WorkflowPostMessage
{
    public const string FieldActionId = "workflows_field";
    public const string TransitionActionId = "workflows_transition";
    public const string MetadataEventType = "irbot_workflow_post";
    public const string MetadataRunKey = "run";
    private const string FieldBlock = "wff";
    private const string TransitionBlock = "wft";

    public static IReadOnlyList<Block> Blocks(PostAction post, long runId, string text, IReadOnlyCollection<WorkflowValue> values, string? note)
    {
        var blocks = new List<Block> { Slack.BlockKit.Blocks.Section(text.Length == 0 ? " " : text) };
        if (post.Fields.Count > 0)
        {
            blocks.Add(Slack.BlockKit.Blocks.Section($"*{SlackMentions.Escape(post.FieldsTitle)}*"));
            foreach (var field in post.Fields)
            {
                var chosen = values.FirstOrDefault(v => v.Action == post.Name && v.Name == field.Name);
                // A button's value is the mention of whoever clicked it (ours, so not escaped); a select's, the option.
                var shown = chosen is null ? null
                    : field.Type == PostFieldType.Button ? $"\n:white_check_mark: *{chosen.Value}*"
                    : $"\n:white_check_mark: *{SlackMentions.Escape(chosen.Value)}*" + (chosen.ChosenBy is { } by ? $" — chosen by <@{by}>" : string.Empty);
                var line = $"*{field.Name}*" + (field.Description is { Length: > 0 } d ? $"\n{SlackMentions.Escape(d)}" : string.Empty) + shown;
                BlockElement element = field.Type == PostFieldType.Button
                    ? ButtonElement.Of(FieldActionId, field.Name, field.Name)
                    : new StaticSelectElement
                    {
                        ActionId = FieldActionId,
                        Placeholder = TextObject.Plain("Choose"),
                        Options = field.Options.Select(o => OptionObject.Of(o, o)).ToList(),
                        InitialOption = chosen is not null && field.Options.Contains(chosen.Value) ? OptionObject.Of(chosen.Value, chosen.Value) : null,
                    };
                blocks.Add(Slack.BlockKit.Blocks.Section(line, element, $"{FieldBlock}|{runId}|{field.Name}"));
            }
        }

        if (post.Transitions.Count > 0)
        {
            blocks.Add(Slack.BlockKit.Blocks.Section($"*{SlackMentions.Escape(post.TransitionsTitle)}*"));
            for (var i = 0; i < post.Transitions.Count; i++)
            {
                var transition = post.Transitions[i];
                var line = $"*{SlackMentions.Escape(transition.Label)}*" + (transition.Description is { Length: > 0 } d ? $" — {SlackMentions.Escape(d)}" : string.Empty);
                blocks.Add(Slack.BlockKit.Blocks.Section(
                    line, ButtonElement.Of(TransitionActionId, transition.Label, transition.To), $"{TransitionBlock}|{runId}|{i.ToString(CultureInfo.InvariantCulture)}"));
            }
        }

        if (note is { Length: > 0 })
        {
            blocks.Add(Slack.BlockKit.Blocks.Context(note));
        }

        return blocks;
    }

    /// <summary>The post run and the field name or transition index a click's block id names.</summary>
    public static bool TryReadBlockId(string? blockId, bool transition, out long runId, out string key)
    {
        runId = 0;
        key = string.Empty;
        var parts = blockId?.Split('|', 3);
        if (parts is not { Length: 3 } || parts[0] != (transition ? TransitionBlock : FieldBlock)) return false;
        key = parts[2];
        return long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out runId);
    }
}
