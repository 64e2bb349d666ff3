namespace IrBot.Workflows.Templates;

/// <summary>
/// The values one workflow instance can render: filled by the runtime from what the instance has done
/// so far (its number, the trigger message, channels created, field values chosen).
/// </summary>
public sealed class TemplateValues
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public TemplateValues SetInstanceNumber(long number) => Set(".Instance.Number", number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public TemplateValues SetTrigger(string trigger, string message, string user, string channelName) =>
        Set($".Trigger.{trigger}.Message", message).Set($".Trigger.{trigger}.User", user).Set($".Trigger.{trigger}.ChannelName", channelName);

    /// <summary>The channel a create_channel or open_incident action made.</summary>
    public TemplateValues SetChannelName(string action, string channelName) => Set($".Action.{action}.ChannelName", channelName);

    /// <summary>The value chosen in field <paramref name="field"/> of post action <paramref name="post"/>.</summary>
    public TemplateValues SetFieldValue(string post, string field, string value) => Set($".Action.{post}.{field}", value);

    public string? Lookup(TemplateVariable variable) => _values.GetValueOrDefault(variable.Key);

    private TemplateValues Set(string key, string value)
    {
        _values[key] = value;
        return this;
    }
}
