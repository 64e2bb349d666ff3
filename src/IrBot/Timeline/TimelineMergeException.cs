using System.Globalization;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html;
using AngleSharp.Xml;
using AngleSharp.Xml.Parser;

namespace IrBot.Timeline;

/// <summary>The page body could not be read as XHTML; nothing is written, so nothing is lost.</summary>
public sealed class TimelineMergeException(string message, Exception? inner = null) : Exception(message, inner);
