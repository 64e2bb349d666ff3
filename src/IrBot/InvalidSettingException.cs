namespace IrBot;

/// <summary>
/// A setting that cannot work, found outside options validation (a schedule, a value read while registering).
/// The message names the setting and what is expected; the command line prints it as one line and exits 2.
/// </summary>
public sealed class InvalidSettingException(string message) : Exception(message);
