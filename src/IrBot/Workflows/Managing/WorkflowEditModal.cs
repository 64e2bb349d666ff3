using IrBot.Slack.BlockKit;

namespace IrBot.Workflows.Managing;

/// <summary>The <c>/irbot workflow edit</c> modal: a .json file input and, for small files, a text box.</summary>
public static class WorkflowEditModal
{
    public const string CallbackId = "workflows_edit";
    public const string FileBlock = "file";
    public const string TextBlock = "text";
    public const string InputAction = "value";

    /// <summary>Slack's limit for a plain_text_input.</summary>
    public const int MaxText = 3000;

    public static ModalView View() => ModalView.Create(
        CallbackId,
        "Upload workflows",
        [
            Blocks.Section("The file replaces *every* workflow at once (the previous set is kept: `/irbot workflow rollback`). "
                + "It is the Mattermost Incident Response JSON format; see the README and `docs/workflows.schema.json`."),
            Blocks.Input(FileBlock, "Workflow file (.json)", new FileInputElement { ActionId = InputAction, Filetypes = ["json"], MaxFiles = 1 }, optional: true),
            Blocks.Input(TextBlock, "…or paste a small file here", new PlainTextInputElement
            {
                ActionId = InputAction,
                Multiline = true,
                MaxLength = MaxText,
                Placeholder = TextObject.Plain("[ { \"name\": \"security_issue\", \"triggers\": [ … ], \"steps\": [ … ] } ]"),
            }, optional: true),
        ],
        submit: "Upload");
}
