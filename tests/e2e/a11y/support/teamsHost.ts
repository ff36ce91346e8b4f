/**
 * A Teams-like host for the Adaptive Cards JavaScript renderer: a host config and button styles
 * close to Teams' light theme (Segoe UI, #242424 text, brand #5B5FC7, 1.5 heading style), so that
 * contrast and sizes are judged roughly as an employee sees them. It is an approximation: Teams
 * renders cards with its own client, not with this renderer (docs/accessibility.md).
 */
/** Teams' light palette; subtle text and red are darker on the grey emphasis background. */
function foreground(subtle: string, attention: string) {
  return {
    default: { default: '#242424', subtle },
    dark: { default: '#242424', subtle: '#424242' },
    light: { default: '#FFFFFF', subtle: '#F5F5F5' },
    accent: { default: '#4F52B2', subtle: '#444791' },
    good: { default: '#0E700E', subtle: '#0B5A0B' },
    warning: { default: '#835C00', subtle: '#6B4B00' },
    attention: { default: attention, subtle: '#A52A3F' },
  };
}

export const TEAMS_LIGHT_HOST_CONFIG = {
  fontFamily: '"Segoe UI", system-ui, sans-serif',
  supportsInteractivity: true,
  spacing: { small: 8, default: 12, medium: 16, large: 20, extraLarge: 24, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#E0E0E0' },
  fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  textStyles: {
    heading: { size: 'large', weight: 'bolder', color: 'default', isSubtle: false, fontType: 'default' },
    columnHeader: { size: 'default', weight: 'bolder', color: 'default', isSubtle: false, fontType: 'default' },
  },
  textBlock: { headingLevel: 2 },
  containerStyles: {
    default: { backgroundColor: '#FFFFFF', foregroundColors: foreground('#616161', '#C4314B') },
    emphasis: { backgroundColor: '#F5F5F5', foregroundColors: foreground('#5C5C5C', '#B3293F') },
  },
  actions: { maxActions: 6, spacing: 'default', buttonSpacing: 8, showCard: { actionMode: 'inline' }, actionsOrientation: 'horizontal', actionAlignment: 'left' },
  adaptiveCard: { allowCustomStyle: true },
  factSet: {
    title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true },
    value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true },
    spacing: 12,
  },
};

/** Buttons and inputs as Teams draws them (the renderer leaves these to the host's CSS). */
export const TEAMS_LIGHT_CSS = `
body{margin:0;background:#F5F5F5;font-family:"Segoe UI",system-ui,sans-serif}
main{max-width:560px;margin:16px auto;background:#FFFFFF;border:1px solid #E0E0E0;border-radius:4px}
.ac-pushButton{min-height:32px;min-width:32px;padding:5px 12px;border-radius:4px;background:#FFFFFF;color:#242424;border:1px solid #D1D1D1;font:600 14px "Segoe UI",system-ui,sans-serif;cursor:pointer}
.ac-pushButton.style-positive{background:#5B5FC7;color:#FFFFFF;border-color:#5B5FC7}
.ac-pushButton.style-destructive{background:#C4314B;color:#FFFFFF;border-color:#C4314B}
.ac-pushButton:focus-visible,.ac-input:focus-visible{outline:2px solid #242424;outline-offset:2px}
.ac-input{font:14px "Segoe UI",system-ui,sans-serif;color:#242424}
.ac-input.ac-textInput{border:1px solid #8A8A8A;border-radius:4px;padding:5px 8px;min-height:32px;width:100%;box-sizing:border-box}
.ac-input.ac-textInput.ac-multiline{height:72px}
.ac-input input[type=radio],.ac-input input[type=checkbox]{width:20px;height:20px;flex:none}
.ac-choiceSetInput-expanded>div,.ac-toggleInput{min-height:32px}
`;
