import { sramGrowthProperty } from './sram-growth.js';

// Growing any SRAM buffer never moves more DRAM bytes or takes more cycles: half of the presets.
sramGrowthProperty(0, 2);
