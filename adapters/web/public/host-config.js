// Adaptive Cards host config close to Teams' light theme, so cards look here roughly as they do there.
const foreground = (normal, subtle) => ({ default: normal, subtle });

const colors = {
  default: foreground('#242424', '#616161'),
  dark: foreground('#242424', '#424242'),
  light: foreground('#ffffff', '#f0f0f0'),
  accent: foreground('#0f6e66', '#2b8a81'),
  good: foreground('#13743b', '#1b8a4a'),
  warning: foreground('#8a5a00', '#a06800'),
  attention: foreground('#c4314b', '#d13438'),
};

export const hostConfig = {
  fontFamily: "'Segoe UI', 'Inter', system-ui, -apple-system, 'Helvetica Neue', Arial, sans-serif",
  supportsInteractivity: true,
  spacing: { small: 4, default: 8, medium: 14, large: 20, extraLarge: 28, padding: 16 },
  separator: { lineThickness: 1, lineColor: '#e4e4e7' },
  fontSizes: { small: 12, default: 14, medium: 16, large: 19, extraLarge: 24 },
  fontWeights: { lighter: 300, default: 400, bolder: 600 },
  lineHeights: { small: 16, default: 20, medium: 22, large: 26, extraLarge: 30 },
  imageSizes: { small: 40, medium: 80, large: 160 },
  containerStyles: {
    default: { backgroundColor: '#ffffff', foregroundColors: colors },
    emphasis: { backgroundColor: '#f5f5f5', foregroundColors: colors },
    accent: { backgroundColor: '#e6f4f2', foregroundColors: colors },
  },
  actions: {
    maxActions: 6,
    spacing: 'medium',
    buttonSpacing: 8,
    actionsOrientation: 'horizontal',
    actionAlignment: 'left',
    showCard: { actionMode: 'inline', inlineTopMargin: 12 },
    iconPlacement: 'leftOfTitle',
  },
  inputs: {
    label: {
      inputSpacing: 'small',
      requiredInputs: { weight: 'bolder', suffix: ' *', suffixColor: 'attention' },
      optionalInputs: { weight: 'bolder' },
    },
    errorMessage: { size: 'small', color: 'attention' },
  },
  factSet: {
    title: { color: 'default', size: 'default', weight: 'bolder', wrap: true, maxWidth: 160 },
    value: { color: 'default', size: 'default', weight: 'default', wrap: true },
    spacing: 10,
  },
};
