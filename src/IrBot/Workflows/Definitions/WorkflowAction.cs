using IrBot.Workflows.Templates;

namespace IrBot.Workflows.Definitions;

/// <summary>One thing a step does; <see cref="Type"/> is the file's <c>type</c> value.</summary>
public abstract record WorkflowAction(string Name)
{
    public abstract string Type { get; }

    /// <summary>Every template of the action, for validation and for the runtime's rendering.</summary>
    public abstract IEnumerable<Template> Templates { get; }
}

/// <summary>Creates a channel; <c>{{.Action.Name.ChannelName}}</c> is the name it got.</summary>
public sealed record CreateChannelAction(
    string Name, Template ChannelName, Template ChannelDisplayName, Template? TeamName, Template? Header, Template? Purpose, bool Private)
    : WorkflowAction(Name)
{
    public const string TypeName = "create_channel";
    public override string Type => TypeName;
    public override IEnumerable<Template> Templates => new[] { ChannelName, ChannelDisplayName, TeamName, Header, Purpose }.OfType<Template>();
}

/// <summary>Adds users (ids, names or user group handles) to a channel.</summary>
public sealed record AddUsersChannelAction(string Name, Template ChannelName, IReadOnlyList<Template> Users, Template? TeamName)
    : WorkflowAction(Name)
{
    public const string TypeName = "add_users_channel";
    public override string Type => TypeName;
    public override IEnumerable<Template> Templates => new[] { ChannelName, TeamName }.OfType<Template>().Concat(Users);
}

/// <summary>Posts a message, optionally with fields to fill in and transition buttons.</summary>
public sealed record PostAction(
    string Name, Template ChannelName, Template Message, Template? TeamName,
    IReadOnlyList<PostField> Fields, string FieldsTitle, IReadOnlyList<PostTransition> Transitions, string TransitionsTitle)
    : WorkflowAction(Name)
{
    public const string TypeName = "post";
    public const string DefaultFieldsTitle = "Fields";
    public const string DefaultTransitionsTitle = "Transitions";
    public override string Type => TypeName;
    public override IEnumerable<Template> Templates => new[] { ChannelName, Message, TeamName }.OfType<Template>();

    public PostField? FindField(string name) => Fields.FirstOrDefault(f => f.Name == name);
}

/// <summary>Moves the instance to step <see cref="To"/> (the current step's finish actions run first).</summary>
public sealed record TransitionToAction(string Name, string To) : WorkflowAction(Name)
{
    public const string TypeName = "transition_to";
    public override string Type => TypeName;
    public override IEnumerable<Template> Templates => [];
}

/// <summary>Archives a channel.</summary>
public sealed record ArchiveChannelAction(string Name, Template ChannelName, Template? TeamName) : WorkflowAction(Name)
{
    public const string TypeName = "archive_channel";
    public override string Type => TypeName;
    public override IEnumerable<Template> Templates => new[] { ChannelName, TeamName }.OfType<Template>();
}

/// <summary>Marks the instance finished (for statistics); nothing after it runs.</summary>
public sealed record FinishedWorkflowAction(string Name) : WorkflowAction(Name)
{
    public const string TypeName = "finished_workflow";
    public override string Type => TypeName;
    public override IEnumerable<Template> Templates => [];
}

/// <summary>IR Bot's extension: opens a full incident; <c>{{.Action.Name.ChannelName}}</c> is its channel.</summary>
public sealed record OpenIncidentAction(string Name, Template Title) : WorkflowAction(Name)
{
    public const string TypeName = "open_incident";
    public override string Type => TypeName;
    public override IEnumerable<Template> Templates => [Title];
}
