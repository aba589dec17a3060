/** The demo plant: a food & beverage factory like the one Shopfloor was built for. */

export const DEMO_PLANT_NAME = 'Demo Foods — Midrand';

export const ENVIRONMENTS = [
  { code: 'blending', name: 'Blending', colour: '#2f9e44' },
  { code: 'packaging', name: 'Packaging', colour: '#1971c2' },
  { code: 'beverage', name: 'Beverage', colour: '#e8590c' },
  { code: 'maturation', name: 'Maturation', colour: '#9c36b5' },
] as const;

export const MACHINE_TYPES = [
  { code: 'mixer', name: 'Ribbon mixer' },
  { code: 'filler', name: 'Filler' },
  { code: 'packer', name: 'Packing machine' },
  { code: 'labeller', name: 'Labeller' },
  { code: 'palletiser', name: 'Palletiser' },
  { code: 'tank', name: 'Maturation tank' },
] as const;

type Env = (typeof ENVIRONMENTS)[number]['code'];
type MType = (typeof MACHINE_TYPES)[number]['code'];

export const MACHINES: {
  code: string;
  name: string;
  env: Env;
  type: MType;
  ratedSpeed: number;
  staffing: Record<string, number>;
}[] = [
  {
    code: 'BL-01',
    name: 'Blender 1',
    env: 'blending',
    type: 'mixer',
    ratedSpeed: 1200,
    staffing: { operator: 1, hopper_loader: 1 },
  },
  {
    code: 'BL-02',
    name: 'Blender 2',
    env: 'blending',
    type: 'mixer',
    ratedSpeed: 1200,
    staffing: { operator: 1, hopper_loader: 1 },
  },
  {
    code: 'BL-03',
    name: 'Blender 3 (small batch)',
    env: 'blending',
    type: 'mixer',
    ratedSpeed: 400,
    staffing: { operator: 1 },
  },
  {
    code: 'PK-01',
    name: 'Sachet packer 1',
    env: 'packaging',
    type: 'packer',
    ratedSpeed: 3600,
    staffing: { operator: 1, packer: 2 },
  },
  {
    code: 'PK-02',
    name: 'Sachet packer 2',
    env: 'packaging',
    type: 'packer',
    ratedSpeed: 3600,
    staffing: { operator: 1, packer: 2 },
  },
  {
    code: 'PK-03',
    name: 'Tin filler',
    env: 'packaging',
    type: 'filler',
    ratedSpeed: 1800,
    staffing: { operator: 1, packer: 1 },
  },
  {
    code: 'PK-04',
    name: 'Case palletiser',
    env: 'packaging',
    type: 'palletiser',
    ratedSpeed: 600,
    staffing: { operator: 1 },
  },
  {
    code: 'BV-01',
    name: 'Bottling line 1',
    env: 'beverage',
    type: 'filler',
    ratedSpeed: 6000,
    staffing: { operator: 2, packer: 2 },
  },
  {
    code: 'BV-02',
    name: 'Bottling line 2',
    env: 'beverage',
    type: 'filler',
    ratedSpeed: 4800,
    staffing: { operator: 2, packer: 1 },
  },
  {
    code: 'BV-03',
    name: 'Labeller',
    env: 'beverage',
    type: 'labeller',
    ratedSpeed: 7200,
    staffing: { operator: 1 },
  },
  {
    code: 'MT-01',
    name: 'Maturation tank 1',
    env: 'maturation',
    type: 'tank',
    ratedSpeed: 500,
    staffing: { operator: 1 },
  },
  {
    code: 'MT-02',
    name: 'Maturation tank 2',
    env: 'maturation',
    type: 'tank',
    ratedSpeed: 500,
    staffing: { operator: 1 },
  },
];

export const STOP_REASONS: {
  code: string;
  name: string;
  planned: boolean;
  oeeLoss: 'availability' | 'performance' | 'quality';
  reasons: { code: string; name: string }[];
}[] = [
  {
    code: 'MECH',
    name: 'Mechanical',
    planned: false,
    oeeLoss: 'availability',
    reasons: [
      { code: 'BREAKDOWN', name: 'Breakdown' },
      { code: 'JAM', name: 'Jam / blockage' },
      { code: 'ELEC', name: 'Electrical fault' },
    ],
  },
  {
    code: 'MATERIAL',
    name: 'Material',
    planned: false,
    oeeLoss: 'availability',
    reasons: [
      { code: 'MATSHO', name: 'Material shortage' },
      { code: 'PACKSHO', name: 'Packaging shortage' },
    ],
  },
  {
    code: 'UTIL',
    name: 'Utilities',
    planned: false,
    oeeLoss: 'availability',
    reasons: [
      { code: 'POWER', name: 'Power outage / load shedding' },
      { code: 'AIR', name: 'Compressed air' },
      { code: 'WATER', name: 'Water / steam' },
    ],
  },
  {
    code: 'SAFETY',
    name: 'Safety',
    planned: false,
    oeeLoss: 'availability',
    reasons: [{ code: 'INCIDENT', name: 'Safety incident' }],
  },
  {
    code: 'QUALITY',
    name: 'Quality',
    planned: false,
    oeeLoss: 'quality',
    reasons: [
      { code: 'QUAL', name: 'Quality hold' },
      { code: 'REWORK', name: 'Rework' },
    ],
  },
  {
    code: 'SPEED',
    name: 'Speed losses',
    planned: false,
    oeeLoss: 'performance',
    reasons: [
      { code: 'MINOR', name: 'Minor stops' },
      { code: 'SLOW', name: 'Reduced speed' },
    ],
  },
  {
    code: 'CHANGE',
    name: 'Changeover',
    planned: true,
    oeeLoss: 'availability',
    reasons: [
      { code: 'CHANGEOVER', name: 'Product changeover' },
      { code: 'CIP', name: 'Cleaning (CIP)' },
    ],
  },
  {
    code: 'PLANNED',
    name: 'Planned downtime',
    planned: true,
    oeeLoss: 'availability',
    reasons: [
      { code: 'MAINT', name: 'Planned maintenance' },
      { code: 'BREAK', name: 'Meal break' },
      { code: 'MEETING', name: 'Meeting / training' },
    ],
  },
];

export const CREWS = [
  { code: 'A', name: 'Crew A', offset: 0 },
  { code: 'B', name: 'Crew B', offset: 2 },
  { code: 'C', name: 'Crew C', offset: 4 },
] as const;

type FloorRole = 'operator' | 'hopper_loader' | 'packer' | 'supervisor' | 'forklift_driver';

export const EMPLOYEES: {
  number: string;
  name: string;
  role: FloorRole;
  crew: 'A' | 'B' | 'C';
  env?: Env;
}[] = [
  { number: 'E1001', name: 'Thabo Mokoena', role: 'supervisor', crew: 'A' },
  { number: 'E1002', name: 'Naledi Dlamini', role: 'operator', crew: 'A', env: 'blending' },
  { number: 'E1003', name: 'Pieter van Wyk', role: 'hopper_loader', crew: 'A', env: 'blending' },
  { number: 'E1004', name: 'Ayesha Patel', role: 'packer', crew: 'A', env: 'packaging' },
  { number: 'E2001', name: 'Sipho Ndlovu', role: 'supervisor', crew: 'B' },
  { number: 'E2002', name: 'Lerato Khumalo', role: 'operator', crew: 'B', env: 'packaging' },
  { number: 'E2003', name: 'Johan Botha', role: 'forklift_driver', crew: 'B' },
  { number: 'E2004', name: 'Zanele Mthembu', role: 'packer', crew: 'B', env: 'beverage' },
  { number: 'E3001', name: 'Ruan Steyn', role: 'supervisor', crew: 'C' },
  { number: 'E3002', name: 'Palesa Nkosi', role: 'operator', crew: 'C', env: 'beverage' },
  { number: 'E3003', name: 'Kagiso Molefe', role: 'hopper_loader', crew: 'C', env: 'blending' },
  { number: 'E3004', name: 'Fatima Ismail', role: 'operator', crew: 'C', env: 'maturation' },
];

export const DEMO_USERS = [
  { username: 'admin', displayName: 'Plant Administrator', role: 'admin' },
  { username: 'supervisor', displayName: 'Shift Supervisor', role: 'supervisor' },
  { username: 'operator', displayName: 'Line Operator', role: 'operator' },
  { username: 'viewer', displayName: 'Floor Display', role: 'viewer' },
] as const;
