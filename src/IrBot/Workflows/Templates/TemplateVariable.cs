namespace IrBot.Workflows.Templates;

/// <summary>One <c>{{.A.B.C}}</c> reference in a template: <see cref="Path"/> is <c>["A","B","C"]</c>.</summary>
public sealed record TemplateVariable(IReadOnlyList<string> Path)
{
    /// <summary>The variable as a user writes it, e.g. <c>{{.Action.CreateWarroom.ChannelName}}</c>; used in error messages.</summary>
    public string Display => "{{." + string.Join('.', Path) + "}}";

    /// <summary>The lookup key, e.g. <c>.Action.CreateWarroom.ChannelName</c>.</summary>
    public string Key => "." + string.Join('.', Path);

    public bool Equals(TemplateVariable? other) => other is not null && Path.SequenceEqual(other.Path, StringComparer.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);
}
