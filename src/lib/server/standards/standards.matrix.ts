export const expectations = {};
