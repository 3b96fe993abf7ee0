namespace Torchbook;

/// <summary>How <see cref="Trainer.Fit"/> shows its progress.</summary>
public enum ProgressMode
{
    /// <summary>
    /// <see cref="Notebook"/> in a notebook; <see cref="Terminal"/> on an interactive terminal;
    /// <see cref="Lines"/> when the output is redirected, TERM is "dumb" or the environment variable CI is "true".
    /// </summary>
    Auto,
    /// <summary>Live loss and accuracy curves and a progress line, updated in place in the notebook's output.</summary>
    Notebook,
    /// <summary>A live progress line per epoch, redrawn in place, then left on screen with the epoch's figures.</summary>
    Terminal,
    /// <summary>One plain line per epoch on standard output.</summary>
    Lines,
    /// <summary>Nothing.</summary>
    None,
}
